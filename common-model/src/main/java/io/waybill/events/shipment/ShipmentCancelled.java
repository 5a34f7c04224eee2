package io.waybill.events.shipment;

/** Data of {@code waybill.shipment.cancelled.v1}. */
public record ShipmentCancelled(String shipmentId, String orderId, String reason) {
}
