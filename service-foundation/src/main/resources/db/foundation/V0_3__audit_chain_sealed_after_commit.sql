-- Chain audit entries after their transactions commit, by one sealer per service, instead of under a lock that
-- every business transaction had to take: that lock serialized every transaction publishing an event and could
-- deadlock with row locks taken after it. An entry is written unsealed; the sealer gives it its place in the
-- chain (chain_position), the previous entry's hash and its own. Verification walks the chain in that order.
ALTER TABLE audit_entry ALTER COLUMN previous_hash DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_entry ADD COLUMN chain_position BIGINT UNIQUE;
CREATE INDEX audit_entry_unsealed ON audit_entry (position) WHERE chain_position IS NULL;

-- Still append-only: the one update allowed is sealing an unsealed entry, leaving everything it says unchanged.
DROP TRIGGER audit_entry_no_update ON audit_entry;
CREATE OR REPLACE FUNCTION audit_entry_is_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
            AND OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL
            AND NEW.hash IS NOT NULL AND NEW.previous_hash IS NOT NULL
            AND (NEW.position, NEW.id, NEW.occurred_at, NEW.actor, NEW.actor_type, NEW.source_system,
                 NEW.entity_type, NEW.entity_id, NEW.action, NEW.change, NEW.correlation_id)
                IS NOT DISTINCT FROM
                (OLD.position, OLD.id, OLD.occurred_at, OLD.actor, OLD.actor_type, OLD.source_system,
                 OLD.entity_type, OLD.entity_id, OLD.action, OLD.change, OLD.correlation_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
