package io.waybill.events.order;

import io.waybill.model.order.OrderLine;

import java.util.List;

/**
 * Data of {@code waybill.order.stock-reservation-requested.v1}. {@code candidateWarehouses} is in routing order:
 * inventory-service should prefer the first that can serve the order.
 */
public record StockReservationRequested(
        String orderId,
        String customerId,
        List<OrderLine> lines,
        List<String> candidateWarehouses,
        boolean allowSplit) {
}
