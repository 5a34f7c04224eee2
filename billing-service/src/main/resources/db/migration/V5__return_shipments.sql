-- A return shipment (shipment-service's return label, waybill.shipment.return-authorized.v1) is a billable_shipment
-- of its order like any other, so that the freight audit finds it by tracking number and its label cost counts in
-- the margin; return_of_shipment_id names the outbound shipment it brings goods back from and keeps it out of
-- customer invoicing and the unbilled view. NULL for outbound shipments.
ALTER TABLE billable_shipment ADD COLUMN return_of_shipment_id VARCHAR(100);
ALTER TABLE billable_shipment ADD COLUMN return_id VARCHAR(100);
CREATE INDEX billable_shipment_return_of ON billable_shipment (return_of_shipment_id)
    WHERE return_of_shipment_id IS NOT NULL;
