-- portal-api keeps no state of its own except return requests: everything else is a read model projected from
-- other services' events, and can be thrown away and rebuilt from portal_event_log.

-- Every event the read model was built from, raw, in the order it was applied: the source of a rebuild.
CREATE TABLE portal_event_log (
    position      BIGSERIAL PRIMARY KEY,
    event_id      VARCHAR(200) NOT NULL UNIQUE,
    event_type    VARCHAR(200) NOT NULL,
    subject       VARCHAR(200),
    customer_id   VARCHAR(100),
    event_time    TIMESTAMPTZ,
    envelope      TEXT         NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row per order. order_id never leaves the portal: customers address orders by order_number.
CREATE TABLE portal_order (
    order_id           VARCHAR(100) PRIMARY KEY,
    customer_id        VARCHAR(100) NOT NULL,
    order_number       VARCHAR(100) NOT NULL,
    customer_reference VARCHAR(200),
    service_level      VARCHAR(50),
    ship_to            TEXT,
    lines              TEXT         NOT NULL,
    internal_status    VARCHAR(50)  NOT NULL,
    status_changed_at  TIMESTAMPTZ  NOT NULL,
    placed_at          TIMESTAMPTZ  NOT NULL,
    promised_date      VARCHAR(30),
    as_of              TIMESTAMPTZ  NOT NULL,
    CONSTRAINT portal_order_number_per_customer UNIQUE (customer_id, order_number)
);
CREATE INDEX portal_order_by_customer ON portal_order (customer_id, placed_at DESC);

-- One row per shipment; customers address it by tracking number.
CREATE TABLE portal_shipment (
    shipment_id            VARCHAR(100) PRIMARY KEY,
    order_id               VARCHAR(100) NOT NULL,
    customer_id            VARCHAR(100) NOT NULL,
    tracking_number        VARCHAR(100),
    milestone              VARCHAR(50)  NOT NULL,
    milestone_at           TIMESTAMPTZ  NOT NULL,
    promised_delivery_date VARCHAR(30),
    delivered_at           TIMESTAMPTZ,
    signed_by              VARCHAR(200),
    proof_of_delivery_ref  VARCHAR(500),
    as_of                  TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX portal_shipment_tracking ON portal_shipment (customer_id, tracking_number);
CREATE INDEX portal_shipment_by_order ON portal_shipment (order_id);

-- The tracking timeline: one row per milestone event (its id makes a repeated event a no-op).
CREATE TABLE portal_shipment_milestone (
    event_id     VARCHAR(200) PRIMARY KEY,
    shipment_id  VARCHAR(100) NOT NULL,
    milestone    VARCHAR(50)  NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    location     VARCHAR(300)
);
CREATE INDEX portal_shipment_milestone_timeline ON portal_shipment_milestone (shipment_id, occurred_at);

-- Invoices and credit notes, with the payment state billing or Odoo last reported.
CREATE TABLE portal_invoice (
    document_id     VARCHAR(100) PRIMARY KEY,
    customer_id     VARCHAR(100) NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    number          VARCHAR(100) NOT NULL,
    order_id        VARCHAR(100),
    corrects_id     VARCHAR(100),
    issued_at       TIMESTAMPTZ  NOT NULL,
    due_date        VARCHAR(30),
    total_amount    NUMERIC(19, 4) NOT NULL,
    currency        VARCHAR(3)   NOT NULL,
    amount_due      NUMERIC(19, 4),
    payment_state   VARCHAR(50)  NOT NULL,
    as_of           TIMESTAMPTZ  NOT NULL,
    CONSTRAINT portal_invoice_number_per_customer UNIQUE (customer_id, number)
);
CREATE INDEX portal_invoice_by_customer ON portal_invoice (customer_id, issued_at DESC);

-- The portal's own records: return requests customers made here. Not part of the rebuildable read model.
CREATE TABLE portal_return_request (
    id             UUID PRIMARY KEY,
    return_number  VARCHAR(30)  NOT NULL UNIQUE,
    customer_id    VARCHAR(100) NOT NULL,
    order_id       VARCHAR(100) NOT NULL,
    lines          TEXT         NOT NULL,
    reason         VARCHAR(50)  NOT NULL,
    comment        VARCHAR(1000),
    status         VARCHAR(30)  NOT NULL,
    requested_at   TIMESTAMPTZ  NOT NULL,
    as_of          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX portal_return_request_by_order ON portal_return_request (customer_id, order_id);
