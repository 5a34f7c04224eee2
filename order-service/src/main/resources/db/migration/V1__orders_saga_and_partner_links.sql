-- order-service: reference data, orders with their audit history, the order-to-dispatch saga and the 3PL links.

-- Reference data the intake validates against, fed by PUT /customers, PUT /products and odoo-connector's sync events.
CREATE TABLE customer (
    customer_id   VARCHAR(100) PRIMARY KEY,
    name          VARCHAR(300) NOT NULL,
    active        BOOLEAN      NOT NULL,
    source        VARCHAR(50)  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

CREATE TABLE product (
    sku            VARCHAR(100) PRIMARY KEY,
    name           VARCHAR(300) NOT NULL,
    product_class  VARCHAR(50)  NOT NULL,
    weight_kg      NUMERIC(12, 3) NOT NULL,
    length_cm      NUMERIC(10, 1) NOT NULL,
    width_cm       NUMERIC(10, 1) NOT NULL,
    height_cm      NUMERIC(10, 1) NOT NULL,
    active         BOOLEAN      NOT NULL,
    source         VARCHAR(50)  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

-- One row per order. Lines, address and parcels never change after intake, so they are kept as JSON documents.
-- (source_system, source_reference) is the channel's own order number: a retried submission finds it here.
CREATE TABLE customer_order (
    order_id           VARCHAR(64)  PRIMARY KEY,
    customer_id        VARCHAR(100) NOT NULL,
    channel            VARCHAR(100) NOT NULL,
    source_system      VARCHAR(100) NOT NULL,
    source_reference   VARCHAR(200) NOT NULL,
    partner_id         VARCHAR(100),
    submitted_by       VARCHAR(200) NOT NULL,
    service_level      VARCHAR(20)  NOT NULL,
    ship_to            TEXT         NOT NULL,
    lines              TEXT         NOT NULL,
    parcels            TEXT         NOT NULL,
    product_classes    VARCHAR(500) NOT NULL,
    allow_split        BOOLEAN      NOT NULL,
    requested_carrier  VARCHAR(100),
    promised_date      DATE,
    status             VARCHAR(20)  NOT NULL,
    status_reason      TEXT,
    status_changed_at  TIMESTAMPTZ  NOT NULL,
    received_at        TIMESTAMPTZ  NOT NULL,
    intake_response    TEXT,
    correlation_id     VARCHAR(100) NOT NULL,
    version            INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT customer_order_source_reference UNIQUE (source_system, source_reference)
);
CREATE INDEX customer_order_status_age ON customer_order (status, status_changed_at);

-- Idempotency-Key header values, per calling client: a retry with the same key gets the first response back.
CREATE TABLE order_intake_key (
    client_id            VARCHAR(200) NOT NULL,
    idempotency_key      VARCHAR(200) NOT NULL,
    order_id             VARCHAR(64)  NOT NULL REFERENCES customer_order (order_id),
    request_fingerprint  VARCHAR(64)  NOT NULL,
    created_at           TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (client_id, idempotency_key)
);

-- Audit trail of every lifecycle transition: who, from which source, when and why. Append-only, enforced below.
CREATE TABLE order_status_history (
    id               BIGSERIAL PRIMARY KEY,
    order_id         VARCHAR(64)  NOT NULL REFERENCES customer_order (order_id),
    previous_status  VARCHAR(20),
    status           VARCHAR(20)  NOT NULL,
    reason           TEXT,
    source           VARCHAR(50)  NOT NULL,
    changed_by       VARCHAR(200) NOT NULL,
    changed_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX order_status_history_order ON order_status_history (order_id, id);

CREATE FUNCTION order_status_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'order_status_history is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER order_status_history_append_only BEFORE UPDATE OR DELETE ON order_status_history
    FOR EACH ROW EXECUTE FUNCTION order_status_history_is_append_only();

-- The order-to-dispatch saga: where each order is, what it is waiting for and until when.
CREATE TABLE order_saga (
    order_id              VARCHAR(64)  PRIMARY KEY REFERENCES customer_order (order_id),
    step                  VARCHAR(40)  NOT NULL,
    step_deadline         TIMESTAMPTZ,
    held_at_step          VARCHAR(40),
    hold_reason           TEXT,
    candidate_warehouses  TEXT         NOT NULL,
    allowed_carriers      TEXT         NOT NULL,
    tried_carriers        TEXT         NOT NULL,
    routing_rule          VARCHAR(100) NOT NULL,
    reservation_id        VARCHAR(100),
    stock_requested       BOOLEAN      NOT NULL,
    warehouse_id          VARCHAR(100),
    partner_id            VARCHAR(100),
    shipment_id           VARCHAR(100),
    carrier_id            VARCHAR(100),
    tracking_number       VARCHAR(100),
    booking_attempts      INTEGER      NOT NULL,
    started_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL,
    version               INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX order_saga_deadline ON order_saga (step_deadline) WHERE step_deadline IS NOT NULL;

-- What the saga did and heard, in order: the operator's view of one order's journey.
CREATE TABLE saga_trail (
    id        BIGSERIAL PRIMARY KEY,
    order_id  VARCHAR(64)  NOT NULL,
    at        TIMESTAMPTZ  NOT NULL,
    step      VARCHAR(40)  NOT NULL,
    kind      VARCHAR(30)  NOT NULL,
    detail    TEXT         NOT NULL
);
CREATE INDEX saga_trail_order ON saga_trail (order_id, id);

-- Releases to warehouses and 3PLs, handed over by the partner link (REST call or CSV export) after commit.
CREATE TABLE warehouse_release (
    order_id      VARCHAR(64)  PRIMARY KEY REFERENCES customer_order (order_id),
    partner_id    VARCHAR(100) NOT NULL,
    warehouse_id  VARCHAR(100) NOT NULL,
    link          VARCHAR(10)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    document      TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    handed_over_at TIMESTAMPTZ,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    TEXT,
    version       INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX warehouse_release_pending ON warehouse_release (link, status);

-- Partner events already applied (acknowledgements, confirmations, shortages), so a resent one has no second effect.
CREATE TABLE partner_event (
    partner_id        VARCHAR(100) NOT NULL,
    partner_event_id  VARCHAR(200) NOT NULL,
    order_id          VARCHAR(64)  NOT NULL,
    kind              VARCHAR(30)  NOT NULL,
    received_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (partner_id, partner_event_id)
);
