-- The order and shipment streams are consumed independently, so a shipment event can overtake its order's
-- order.accepted. With the ORDER bindings these two tables tell the cases apart and lose nothing meanwhile.

-- Orders order-service accepted from a source other than Odoo (webshop, partners): nothing to write back.
CREATE TABLE order_from_elsewhere (
    order_id       VARCHAR(200) PRIMARY KEY,
    source_system  VARCHAR(100) NOT NULL,
    accepted_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Shipment events for an order not accepted here yet, parked in the transaction that received them and handled
-- again in the transaction that learns where the order came from.
CREATE TABLE event_awaiting_order (
    order_id   VARCHAR(200) NOT NULL,
    event_id   VARCHAR(200) NOT NULL,
    envelope   TEXT         NOT NULL,
    parked_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, event_id)
);
