-- Append-only, tamper-evident audit trail of every mutation (service-foundation). Each entry carries the hash of
-- the previous one, so changing or removing any entry breaks the chain from there on.
CREATE TABLE audit_entry (
    position        BIGSERIAL PRIMARY KEY,
    id              UUID         NOT NULL UNIQUE,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(200) NOT NULL,
    actor_type      VARCHAR(20)  NOT NULL,
    source_system   VARCHAR(200) NOT NULL,
    entity_type     VARCHAR(100) NOT NULL,
    entity_id       VARCHAR(200) NOT NULL,
    action          VARCHAR(200) NOT NULL,
    change          TEXT         NOT NULL,
    correlation_id  VARCHAR(200),
    previous_hash   CHAR(64)     NOT NULL,
    hash            CHAR(64)     NOT NULL UNIQUE
);
CREATE INDEX audit_entry_entity ON audit_entry (entity_type, entity_id, position);

-- Append-only at the database too: updates and deletes are refused outright.
CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
