package io.waybill.events.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.order.OrderStatus;

import java.time.Instant;

/**
 * Data of {@code waybill.order.status-changed.v1}, one per lifecycle transition. {@code previousStatus} is absent
 * for the first state of a new order. {@code source} says what caused it (rest, odoo, saga, operator, 3pl...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderStatusChanged(
        String orderId,
        String customerId,
        OrderStatus previousStatus,
        OrderStatus status,
        String reason,
        Instant changedAt,
        String source) {
}
