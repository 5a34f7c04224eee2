package io.waybill.events.order;

/** Data of {@code waybill.order.shipment-cancellation-requested.v1}. */
public record ShipmentCancellationRequested(String orderId, String shipmentId, String reason) {
}
