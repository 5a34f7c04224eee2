package io.waybill.shipment.persistence;

/** An order's parcels going out, or goods coming back from a consignee under a return authorization. */
public enum ShipmentKind {
    OUTBOUND, RETURN
}
