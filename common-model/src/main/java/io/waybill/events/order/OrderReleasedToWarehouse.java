package io.waybill.events.order;

import io.waybill.model.order.OrderLine;

import java.util.List;

/**
 * Data of {@code waybill.order.released-to-warehouse.v1}: the partner that picks the order and how it ships.
 * {@code lines} is what this release ships (absent from older publishers): all of the order's lines when it ships
 * whole, the lines (or parts of lines) reserved in {@code warehouseId} when an order split across warehouses ships
 * one shipment per warehouse.
 */
public record OrderReleasedToWarehouse(
        String orderId,
        String customerId,
        String warehouseId,
        String partnerId,
        String shipmentId,
        String trackingNumber,
        List<OrderLine> lines) {

    /** A release that does not say what it ships (the shape before {@code lines} was added). */
    public OrderReleasedToWarehouse(String orderId, String customerId, String warehouseId, String partnerId,
                                    String shipmentId, String trackingNumber) {
        this(orderId, customerId, warehouseId, partnerId, shipmentId, trackingNumber, null);
    }
}
