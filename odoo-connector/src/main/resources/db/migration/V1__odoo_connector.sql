-- odoo-connector's own tables (the outbox, inbox and dead letters come from service-foundation's V0_x).

-- Which Odoo record stands for which Waybill thing. The primary key makes "one canonical id, one Odoo record"
-- hold under any race (webhook and poll importing the same order at once: the second insert finds the first);
-- the unique key does the same from Odoo's side.
CREATE TABLE odoo_binding (
    kind          VARCHAR(40)  NOT NULL,
    canonical_id  VARCHAR(200) NOT NULL,
    odoo_model    VARCHAR(100) NOT NULL,
    odoo_id       BIGINT       NOT NULL,
    -- Odoo's write_date of the version last published, so the same version is never published twice.
    odoo_version  VARCHAR(19),
    -- What Waybill last knew of it: order CONFIRMED/CANCELLED, invoice payment state, expected tracking ref...
    state         VARCHAR(100),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, canonical_id),
    UNIQUE (kind, odoo_model, odoo_id)
);

-- "Odoo says record X changed": from a webhook (before Odoo committed, so maybe not readable yet) or from the
-- poll. One row per record; a new hint re-arms it. Rows are read back through the authenticated API.
CREATE TABLE odoo_inbound_hint (
    odoo_model      VARCHAR(100) NOT NULL,
    odoo_id         BIGINT       NOT NULL,
    source          VARCHAR(20)  NOT NULL,
    -- The state the webhook claimed (e.g. 'sale'); a read-back still showing an older state is retried.
    claimed_state   VARCHAR(40),
    received_at     TIMESTAMPTZ  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    done_at         TIMESTAMPTZ,
    last_error      TEXT,
    PRIMARY KEY (odoo_model, odoo_id)
);
CREATE INDEX odoo_inbound_hint_due ON odoo_inbound_hint (next_attempt_at) WHERE done_at IS NULL;

-- How far the incremental poll has read each model, by Odoo's write_date (UTC, 'YYYY-MM-DD HH24:MI:SS').
CREATE TABLE odoo_poll_cursor (
    odoo_model      VARCHAR(100) PRIMARY KEY,
    last_write_date VARCHAR(19)  NOT NULL,
    polled_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Durable, ordered queue of writes to Odoo. Written in the transaction of the event that asks for the write,
-- drained in seq order by one worker at a time, at the configured rate, paused while Odoo is unavailable.
CREATE TABLE odoo_write (
    seq          BIGSERIAL    PRIMARY KEY,
    operation    VARCHAR(60)  NOT NULL,
    subject      VARCHAR(200) NOT NULL,
    payload      TEXT         NOT NULL,
    status       VARCHAR(20)  NOT NULL DEFAULT 'PENDING',
    attempts     INTEGER      NOT NULL DEFAULT 0,
    enqueued_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    applied_at   TIMESTAMPTZ,
    last_error   TEXT,
    caused_by    VARCHAR(200)
);
CREATE INDEX odoo_write_pending ON odoo_write (seq) WHERE status = 'PENDING';

-- Which replica drains the write queue: the one holding an unexpired lease (keeps writes in order).
CREATE TABLE odoo_write_lease (
    name       VARCHAR(40)  PRIMARY KEY,
    holder     VARCHAR(100),
    expires_at TIMESTAMPTZ  NOT NULL
);
INSERT INTO odoo_write_lease (name, holder, expires_at) VALUES ('writer', NULL, now());
