-- An order split across warehouses ships as one shipment per warehouse, each booked, released and delivered on its
-- own, while Odoo holds one delivery for the whole order. These tables let the connector write every shipment's
-- tracking number on that delivery and validate in Odoo only what each shipment carried, leaving the rest open as
-- Odoo's backorder.

-- The lines of an Odoo order as order-service accepted it (order.accepted): the whole a release is compared with.
CREATE TABLE accepted_order_lines (
    order_id     VARCHAR(200) PRIMARY KEY,
    -- JSON [{"sku": ..., "quantity": ...}], quantities in the product's Odoo unit (OdooMapping: EACH).
    lines        TEXT         NOT NULL,
    accepted_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Each shipment of an Odoo order: where it leaves from and its tracking number (shipment.booked), what it ships
-- (order.released-to-warehouse), and the delivery picking its part was validated on.
CREATE TABLE order_shipment (
    shipment_id        VARCHAR(200) PRIMARY KEY,
    order_id           VARCHAR(200) NOT NULL,
    warehouse_id       VARCHAR(200),
    tracking_number    VARCHAR(200),
    -- JSON as above; NULL until released, or when the release did not say (a publisher older than the lines).
    lines              TEXT,
    -- TRUE: the release ships all of the order; FALSE: one part of a split order; NULL: not released yet, or
    -- cannot tell (the order's lines were not known here when it was released).
    whole_order        BOOLEAN,
    -- The delivery picking this part was validated on, recorded before validating: a retry after a lost answer
    -- finds it done and validates nothing twice.
    validated_picking  BIGINT,
    booked_at          TIMESTAMPTZ,
    released_at        TIMESTAMPTZ
);
CREATE INDEX order_shipment_order ON order_shipment (order_id);
