package io.waybill.events.shipment;

import java.time.Instant;

/**
 * Data of {@code waybill.shipment.delivered.v1}. {@code proofOfDeliveryRef} always names evidence a dispute can
 * quote: the carrier's photo or signature reference, else the delivery scan itself.
 */
public record ShipmentDelivered(
        String shipmentId,
        String orderId,
        String customerId,
        Instant deliveredAt,
        String signer,
        String proofOfDeliveryRef,
        String photoRef,
        String signatureRef) {
}
