-- inventory-service: warehouses, the stock ledger, reservations, partner events and reconciliation runs.

-- Where stock is held. partner_id is the 3PL client that operates the warehouse: only it may adjust or reconcile
-- the warehouse's stock.
CREATE TABLE warehouse (
    warehouse_id  VARCHAR(64)  PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    partner_id    VARCHAR(100),
    country_code  CHAR(2)      NOT NULL
);
CREATE INDEX warehouse_partner ON warehouse (partner_id);

-- The two warehouses of the local stack and the demo realm (acme-3pl is the REST 3PL, northwind-3pl the
-- file-exchange one).
INSERT INTO warehouse (warehouse_id, name, partner_id, country_code) VALUES
    ('WH-BERLIN', 'Berlin fulfilment centre (Acme 3PL)', 'acme-3pl', 'DE'),
    ('WH-ROTTERDAM', 'Rotterdam fulfilment centre (Northwind 3PL)', 'northwind-3pl', 'NL');

-- The SKUs inventory keeps stock of, with the unit they are counted in.
CREATE TABLE stock_item (
    sku         VARCHAR(64) PRIMARY KEY,
    unit        VARCHAR(10) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One SKU (and lot) in one warehouse. on_hand and reserved are kept equal to the sums of the position's movements
-- (stock_movement); available = on_hand - reserved. A reservation only ever raises reserved under a row lock and
-- only while available covers it, so reservations alone can never oversell.
CREATE TABLE stock_position (
    id            BIGSERIAL     PRIMARY KEY,
    warehouse_id  VARCHAR(64)   NOT NULL REFERENCES warehouse,
    sku           VARCHAR(64)   NOT NULL REFERENCES stock_item,
    lot           VARCHAR(64),
    on_hand       NUMERIC(18,3) NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved      NUMERIC(18,3) NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- Serves the availability query (sku first: channels ask by SKU) and the allocation's lookup.
    CONSTRAINT stock_position_sku_warehouse_lot UNIQUE NULLS NOT DISTINCT (sku, warehouse_id, lot)
);
CREATE INDEX stock_position_warehouse ON stock_position (warehouse_id);

-- The ledger: every change of on hand or reserved, with why and on whose word.
CREATE TABLE stock_movement (
    id              BIGSERIAL     PRIMARY KEY,
    position_id     BIGINT        NOT NULL REFERENCES stock_position,
    movement_type   VARCHAR(20)   NOT NULL,
    on_hand_delta   NUMERIC(18,3) NOT NULL,
    reserved_delta  NUMERIC(18,3) NOT NULL,
    reference       VARCHAR(200),
    reason          VARCHAR(500),
    partner_id      VARCHAR(100),
    recorded_at     TIMESTAMPTZ   NOT NULL
);
CREATE INDEX stock_movement_position ON stock_movement (position_id, id);

-- Stock promised to an order. At most one reservation of an order holds stock at a time.
CREATE TABLE reservation (
    reservation_id  UUID         PRIMARY KEY,
    order_id        VARCHAR(100) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    -- The saga's correlation and customer, so events the reservation causes later (expiry) stay in the order's flow.
    correlation_id  VARCHAR(200),
    customer_id     VARCHAR(100),
    expires_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL,
    closed_at       TIMESTAMPTZ,
    close_reason    VARCHAR(500)
);
CREATE UNIQUE INDEX reservation_one_active_per_order ON reservation (order_id) WHERE status IN ('HELD', 'CONFIRMED');
CREATE INDEX reservation_order ON reservation (order_id);
CREATE INDEX reservation_expiring ON reservation (expires_at) WHERE status = 'HELD';

CREATE TABLE reservation_allocation (
    id              BIGSERIAL     PRIMARY KEY,
    reservation_id  UUID          NOT NULL REFERENCES reservation,
    line_id         VARCHAR(100)  NOT NULL,
    position_id     BIGINT        NOT NULL REFERENCES stock_position,
    warehouse_id    VARCHAR(64)   NOT NULL,
    sku             VARCHAR(64)   NOT NULL,
    lot             VARCHAR(64),
    unit            VARCHAR(10)   NOT NULL,
    quantity        NUMERIC(18,3) NOT NULL CHECK (quantity >= 0)
);
CREATE INDEX reservation_allocation_reservation ON reservation_allocation (reservation_id);

-- Partner stock events already applied, with the answer given: the same partner event id again gets the same
-- answer and no second effect.
CREATE TABLE partner_stock_event (
    partner_id   VARCHAR(100) NOT NULL,
    event_id     VARCHAR(200) NOT NULL,
    fingerprint  VARCHAR(64)  NOT NULL,
    response     TEXT,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (partner_id, event_id)
);

-- Reconciliation runs: a partner snapshot compared with the ledger, and each difference found.
CREATE TABLE reconciliation_run (
    reconciliation_id   UUID         PRIMARY KEY,
    warehouse_id        VARCHAR(64)  NOT NULL REFERENCES warehouse,
    source              VARCHAR(200) NOT NULL,
    snapshot_taken_at   TIMESTAMPTZ,
    reconciled_at       TIMESTAMPTZ  NOT NULL,
    positions_compared  INTEGER      NOT NULL
);

CREATE TABLE reconciliation_discrepancy (
    id                 BIGSERIAL     PRIMARY KEY,
    reconciliation_id  UUID          NOT NULL REFERENCES reconciliation_run,
    sku                VARCHAR(64)   NOT NULL,
    lot                VARCHAR(64),
    ledger             NUMERIC(18,3) NOT NULL,
    partner            NUMERIC(18,3) NOT NULL,
    correction         NUMERIC(18,3) NOT NULL,
    resolution         VARCHAR(20)   NOT NULL
);
CREATE INDEX reconciliation_discrepancy_run ON reconciliation_discrepancy (reconciliation_id);
