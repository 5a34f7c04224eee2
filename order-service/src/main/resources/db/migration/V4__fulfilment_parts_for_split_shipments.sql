-- An order reserved across several warehouses (when it allows splitting) ships one shipment per warehouse. The saga
-- keeps a list of fulfilment parts (warehouse, lines, parcel, shipment, partner, progress) instead of one warehouse
-- and one shipment, and releases are keyed by the reference the partner knows them by: the order id for an order
-- shipped whole (as before), order id and warehouse for a part of a split order.

ALTER TABLE order_saga ADD COLUMN parts TEXT NOT NULL DEFAULT '[]';

-- Every saga that had got as far as a reservation becomes one part, with the order's lines and parcel.
UPDATE order_saga s SET parts = json_build_array(json_strip_nulls(json_build_object(
        'warehouseId', s.warehouse_id,
        'releaseReference', s.order_id,
        'lines', o.lines::json,
        'parcels', o.parcels::json,
        'progress', CASE
            WHEN s.step IN ('AWAITING_PICK', 'CANCELLING') THEN 'RELEASED'
            WHEN s.step = 'IN_TRANSIT' THEN 'SHIPPED'
            WHEN s.step = 'COMPLETED' THEN 'DELIVERED'
            WHEN s.shipment_id IS NOT NULL THEN 'BOOKED'
            ELSE 'BOOKING' END,
        'partnerId', s.partner_id,
        'shipmentId', s.shipment_id,
        'carrierId', s.carrier_id,
        'trackingNumber', s.tracking_number,
        'triedCarriers', CASE WHEN s.tried_carriers = '' THEN '[]'::json
                              ELSE array_to_json(string_to_array(s.tried_carriers, ',')) END,
        'acknowledgedAt', to_char(s.acknowledged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'cancelAnswer', CASE WHEN s.step = 'CANCELLING' THEN 'ASKED' END)))::text
FROM customer_order o
WHERE o.order_id = s.order_id AND s.warehouse_id IS NOT NULL;

ALTER TABLE order_saga
    DROP COLUMN warehouse_id,
    DROP COLUMN partner_id,
    DROP COLUMN shipment_id,
    DROP COLUMN carrier_id,
    DROP COLUMN tracking_number,
    DROP COLUMN tried_carriers,
    DROP COLUMN acknowledged_at;

-- One release per part: keyed by its reference, several per order.
ALTER TABLE warehouse_release ADD COLUMN release_reference VARCHAR(200);
UPDATE warehouse_release SET release_reference = order_id;
ALTER TABLE warehouse_release ALTER COLUMN release_reference SET NOT NULL;
ALTER TABLE warehouse_release DROP CONSTRAINT warehouse_release_pkey;
ALTER TABLE warehouse_release ADD PRIMARY KEY (release_reference);
CREATE INDEX warehouse_release_order ON warehouse_release (order_id);

-- One cancellation per release and partner (id: reference/partner); one partner may hold two parts of an order.
ALTER TABLE warehouse_cancellation ADD COLUMN release_reference VARCHAR(200);
UPDATE warehouse_cancellation SET release_reference = order_id;
ALTER TABLE warehouse_cancellation ALTER COLUMN release_reference SET NOT NULL;
ALTER TABLE warehouse_cancellation ALTER COLUMN id TYPE VARCHAR(310);
ALTER TABLE warehouse_cancellation DROP CONSTRAINT warehouse_cancellation_order_id_partner_id_key;
CREATE INDEX warehouse_cancellation_order ON warehouse_cancellation (order_id);
