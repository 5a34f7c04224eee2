-- Invoices billing-service issued for an order, as far as order-service needs them: which of the order's shipments
-- they cover. An invoice may arrive before order-service has seen the delivery (another stream): it waits here.
CREATE TABLE order_invoice (
    invoice_id    VARCHAR(100) PRIMARY KEY,
    order_id      VARCHAR(64)  NOT NULL,
    number        VARCHAR(100) NOT NULL,
    shipment_ids  TEXT         NOT NULL,
    issued_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX order_invoice_order ON order_invoice (order_id);

-- What Odoo says of a product, kept apart from Waybill's own data: its barcode, and whether it is archived in Odoo.
-- An archived Odoo product stops orders from Odoo; Waybill's own active flag (operators, PUT /products) stops all.
ALTER TABLE product ADD COLUMN barcode VARCHAR(100);
ALTER TABLE product ADD COLUMN archived_in_odoo BOOLEAN NOT NULL DEFAULT FALSE;
