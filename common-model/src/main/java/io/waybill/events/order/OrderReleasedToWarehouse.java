package io.waybill.events.order;

/** Data of {@code waybill.order.released-to-warehouse.v1}: the partner that picks the order and how it ships. */
public record OrderReleasedToWarehouse(
        String orderId,
        String customerId,
        String warehouseId,
        String partnerId,
        String shipmentId,
        String trackingNumber) {
}
