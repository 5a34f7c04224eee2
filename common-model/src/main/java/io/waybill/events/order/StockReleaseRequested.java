package io.waybill.events.order;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code waybill.order.stock-release-requested.v1}: release every reservation of the order. The optional
 * {@code reservationId} names the reservation order-service knows of, when it knows one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockReleaseRequested(String orderId, String reason, String reservationId) {
}
