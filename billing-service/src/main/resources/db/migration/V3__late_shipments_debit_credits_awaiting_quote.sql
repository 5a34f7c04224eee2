-- A credit note may reverse a debit-note line (a re-weigh passed on by mistake, a manual debit the customer disputed):
-- the credit line then names the debit-note line it reverses instead of an invoice line. Adding a column touches no
-- posted row, so the immutability triggers stay as they are.
ALTER TABLE adjustment_note_line ADD COLUMN credited_note_line_id UUID REFERENCES adjustment_note_line (id);
CREATE INDEX adjustment_note_line_credited ON adjustment_note_line (credited_note_line_id)
    WHERE credited_note_line_id IS NOT NULL;

-- Carrier bill lines of a shipment whose quote billing does not know yet wait as AWAITING_QUOTE and are audited when
-- the quote arrives (audit_status is a plain VARCHAR; this index finds them for one shipment).
CREATE INDEX carrier_bill_line_awaiting_quote ON carrier_bill_line (shipment_id) WHERE audit_status = 'AWAITING_QUOTE';
