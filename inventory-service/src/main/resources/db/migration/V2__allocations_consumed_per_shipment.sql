-- An order split across warehouses ships one shipment per warehouse. Each allocation records the shipment that
-- took its goods out of the warehouse, so one warehouse's shipment consumes only that warehouse's part, a repeated
-- scan of the same shipment consumes nothing twice, and a release gives back only what has not shipped. The
-- reservation becomes CONSUMED once every allocation that still holds stock has shipped. Allocations of
-- reservations consumed before this column existed stay NULL: their reservation's status says they shipped.
ALTER TABLE reservation_allocation
    ADD COLUMN consumed_by_shipment VARCHAR(100),
    ADD COLUMN consumed_at          TIMESTAMPTZ,
    ADD CONSTRAINT reservation_allocation_consumed_together
        CHECK ((consumed_by_shipment IS NULL) = (consumed_at IS NULL));
