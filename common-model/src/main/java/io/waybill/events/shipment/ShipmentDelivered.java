package io.waybill.events.shipment;

import java.time.Instant;

/**
 * Data of {@code waybill.shipment.delivered.v1}. {@code proofOfDeliveryRef} always names evidence a dispute can
 * quote: the carrier's photo or signature reference, else the delivery scan itself. {@code warehouseId} is the
 * warehouse the shipment left from (a return's: the one it went back to; absent from older publishers): an order
 * split across warehouses ships one shipment per warehouse, and inventory consumes only that warehouse's part.
 */
public record ShipmentDelivered(
        String shipmentId,
        String orderId,
        String customerId,
        Instant deliveredAt,
        String signer,
        String proofOfDeliveryRef,
        String photoRef,
        String signatureRef,
        String warehouseId) {

    /** A delivery that does not say its origin (the shape before {@code warehouseId} was added). */
    public ShipmentDelivered(String shipmentId, String orderId, String customerId, Instant deliveredAt, String signer,
                             String proofOfDeliveryRef, String photoRef, String signatureRef) {
        this(shipmentId, orderId, customerId, deliveredAt, signer, proofOfDeliveryRef, photoRef, signatureRef, null);
    }
}
