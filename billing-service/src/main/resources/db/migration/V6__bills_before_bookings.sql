-- A carrier bill may arrive before billing knows the shipment (bill before booking). Its lines wait as
-- AWAITING_SHIPMENT for a grace period, and are disputed as UNKNOWN_SHIPMENT only if still unknown after it; an
-- UNKNOWN_SHIPMENT dispute whose shipment is learnt later is WITHDRAWN by the freight audit and the line audited again,
-- which may open a new dispute for the same line (e.g. OVERCHARGE). So a line has at most one dispute that is not
-- withdrawn, instead of at most one dispute: the withdrawn one stays as the trail.
ALTER TABLE freight_dispute DROP CONSTRAINT freight_dispute_bill_line_id_key;
CREATE UNIQUE INDEX freight_dispute_live_per_line ON freight_dispute (bill_line_id) WHERE status <> 'WITHDRAWN';
CREATE INDEX freight_dispute_bill_line ON freight_dispute (bill_line_id);

-- Finds the lines of a tracking number that wait for their shipment, or whose unknown-shipment dispute is still
-- open, when billing learns a shipment; and the ones the grace sweep must dispute.
CREATE INDEX carrier_bill_line_unmatched ON carrier_bill_line (tracking_number) WHERE shipment_id IS NULL;
