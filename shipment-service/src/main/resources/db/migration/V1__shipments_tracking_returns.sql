-- shipment-service: shipments and their labels, booking work, carrier webhooks (raw, before processing), the
-- normalized tracking history, and returns.

-- A booking request of the order saga, worked off by the booking worker outside any transaction with carriers.
CREATE TABLE booking_request (
    id                VARCHAR(64)  PRIMARY KEY,
    source_event_id   VARCHAR(200) NOT NULL UNIQUE,
    order_id          VARCHAR(100) NOT NULL,
    customer_id       VARCHAR(100),
    correlation_id    VARCHAR(200),
    request           TEXT         NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    claimed_at        TIMESTAMPTZ,
    attempts          INTEGER      NOT NULL DEFAULT 0,
    tried_carriers    TEXT,
    -- The quote whose label is being bought, written before the purchase: after a crash the booking looks the
    -- purchase up with the carrier instead of buying again.
    pending_quote     TEXT,
    shipment_id       VARCHAR(64),
    failure_reason    TEXT,
    created_at        TIMESTAMPTZ  NOT NULL,
    completed_at      TIMESTAMPTZ
);
CREATE INDEX booking_request_open ON booking_request (status, created_at);

CREATE TABLE shipment (
    id                     VARCHAR(64)  PRIMARY KEY,
    kind                   VARCHAR(20)  NOT NULL,
    order_id               VARCHAR(100) NOT NULL,
    customer_id            VARCHAR(100),
    warehouse_id           VARCHAR(100),
    booking_request_id     VARCHAR(64),
    return_id              VARCHAR(64),
    correlation_id         VARCHAR(200),
    carrier_id             VARCHAR(50)  NOT NULL,
    service_code           VARCHAR(100) NOT NULL,
    service_level          VARCHAR(20),
    tracking_number        VARCHAR(100),
    carrier_shipment_ref   VARCHAR(200),
    quoted_amount          NUMERIC(19, 4),
    quoted_currency        VARCHAR(3),
    promised_delivery_date DATE,
    label_format           VARCHAR(10),
    -- Where it goes and what it is (JSON), kept for the return label and for reprints with another carrier.
    ship_to                TEXT,
    parcels                TEXT,
    status                 VARCHAR(30)  NOT NULL,
    status_occurred_at     TIMESTAMPTZ,
    last_event_at          TIMESTAMPTZ,
    delivered_at           TIMESTAMPTZ,
    signer                 VARCHAR(200),
    photo_ref              VARCHAR(500),
    signature_ref          VARCHAR(500),
    cancel_requested_at    TIMESTAMPTZ,
    cancel_reason          TEXT,
    attention              VARCHAR(200),
    booked_at              TIMESTAMPTZ  NOT NULL,
    version                BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX shipment_tracking_number ON shipment (carrier_id, tracking_number);
CREATE INDEX shipment_order ON shipment (order_id);
CREATE INDEX shipment_open ON shipment (status, last_event_at);

-- The label exactly as the carrier gave it (PDF, ZPL or PNG), kept for reprints.
CREATE TABLE shipment_label (
    shipment_id   VARCHAR(64) PRIMARY KEY REFERENCES shipment (id),
    format        VARCHAR(10) NOT NULL,
    content       BYTEA       NOT NULL,
    stored_at     TIMESTAMPTZ NOT NULL
);

-- Carrier webhooks as received, stored before they are acknowledged and processed asynchronously afterwards.
CREATE TABLE carrier_webhook (
    id             UUID         PRIMARY KEY,
    carrier_id     VARCHAR(50)  NOT NULL,
    delivery_id    VARCHAR(200) NOT NULL,
    authenticated  VARCHAR(200) NOT NULL,
    body           TEXT         NOT NULL,
    received_at    TIMESTAMPTZ  NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    attempts       INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    processed_at   TIMESTAMPTZ,
    error          TEXT,
    UNIQUE (carrier_id, delivery_id)
);
-- A webhook can overtake the booking it is about (the carrier sends LABEL_CREATED before answering the purchase):
-- it then waits for its shipment with a growing delay before it is given up as UNMATCHED.
CREATE INDEX carrier_webhook_pending ON carrier_webhook (next_attempt_at) WHERE status = 'RECEIVED';

-- Webhooks refused for a bad, stale or replayed signature: evidence for security reviews, never processed.
CREATE TABLE webhook_rejection (
    id           UUID         PRIMARY KEY,
    carrier_id   VARCHAR(50)  NOT NULL,
    delivery_id  VARCHAR(200),
    reason       VARCHAR(500) NOT NULL,
    remote       VARCHAR(100),
    received_at  TIMESTAMPTZ  NOT NULL
);

-- The normalized tracking history. One row per distinct carrier event (duplicates collapse on dedup_key);
-- milestone is NULL for a carrier status no mapping table knows yet (kept, flagged, never dropped).
CREATE TABLE tracking_event (
    id              UUID         PRIMARY KEY,
    shipment_id     VARCHAR(64)  NOT NULL REFERENCES shipment (id),
    dedup_key       VARCHAR(100) NOT NULL,
    carrier_id      VARCHAR(50)  NOT NULL,
    carrier_status  VARCHAR(200) NOT NULL,
    milestone       VARCHAR(30),
    unmapped        BOOLEAN      NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL,
    location        VARCHAR(300),
    description     TEXT,
    signer          VARCHAR(200),
    photo_ref       VARCHAR(500),
    signature_ref   VARCHAR(500),
    webhook_id      UUID,
    UNIQUE (shipment_id, dedup_key)
);
CREATE INDEX tracking_event_history ON tracking_event (shipment_id, occurred_at);

CREATE TABLE return_authorization (
    id                  VARCHAR(64)  PRIMARY KEY,
    shipment_id         VARCHAR(64)  NOT NULL REFERENCES shipment (id),
    return_shipment_id  VARCHAR(64),
    source_reference    VARCHAR(200) UNIQUE,
    order_id            VARCHAR(100) NOT NULL,
    customer_id         VARCHAR(100),
    lines               TEXT         NOT NULL,
    reason              TEXT,
    status              VARCHAR(20)  NOT NULL,
    correlation_id      VARCHAR(200),
    requested_at        TIMESTAMPTZ  NOT NULL,
    authorized_at       TIMESTAMPTZ,
    failure_reason      TEXT,
    received_at         TIMESTAMPTZ
);
