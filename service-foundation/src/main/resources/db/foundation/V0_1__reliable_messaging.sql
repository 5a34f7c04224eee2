-- Shared by every Waybill service (service-foundation). Versions 0.x are reserved for these tables so that they
-- sort before each service's own V1.. migrations.

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
CREATE TABLE outbox_message (
    position      BIGSERIAL PRIMARY KEY,
    event_id      UUID         NOT NULL UNIQUE,
    event_type    VARCHAR(200) NOT NULL,
    stream        VARCHAR(100) NOT NULL,
    subject       VARCHAR(200),
    envelope      TEXT         NOT NULL,
    traceparent   VARCHAR(100),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_message_pending ON outbox_message (position) WHERE published_at IS NULL;

-- Idempotent inbox: one row per message a consumer has applied, inserted in the effect's own transaction.
CREATE TABLE inbox_message (
    consumer      VARCHAR(100) NOT NULL,
    message_id    VARCHAR(200) NOT NULL,
    event_type    VARCHAR(200),
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

-- Dead letters: messages whose handling failed after every retry, kept for an operator to inspect and replay.
CREATE TABLE dead_letter (
    id            UUID PRIMARY KEY,
    consumer      VARCHAR(100) NOT NULL,
    message_id    VARCHAR(200),
    event_type    VARCHAR(200),
    subject       VARCHAR(200),
    payload       TEXT         NOT NULL,
    error         TEXT         NOT NULL,
    attempts      INTEGER      NOT NULL,
    failed_at     TIMESTAMPTZ  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    resolved_at   TIMESTAMPTZ,
    resolved_by   VARCHAR(200),
    replay_error  TEXT
);
CREATE INDEX dead_letter_open ON dead_letter (status, failed_at);
