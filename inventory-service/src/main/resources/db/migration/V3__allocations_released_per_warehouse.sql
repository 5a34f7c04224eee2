-- A split order whose part in one warehouse was cancelled while another part is already on the road gives back
-- only the cancelled part's stock (stock-release-requested naming warehouseIds). Each allocation records when it was
-- given back that way, so it no longer counts as reserved: a repeated release gives nothing back twice, and the
-- reservation becomes CONSUMED once the shipped part's allocations are consumed. A whole release (or expiry) closes
-- the reservation and leaves this NULL, as before.
ALTER TABLE reservation_allocation
    ADD COLUMN released_at TIMESTAMPTZ,
    ADD CONSTRAINT reservation_allocation_released_or_consumed
        CHECK (released_at IS NULL OR consumed_at IS NULL);
