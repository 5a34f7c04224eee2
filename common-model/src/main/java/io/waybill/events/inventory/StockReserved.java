package io.waybill.events.inventory;

import io.waybill.model.inventory.Allocation;

import java.time.Instant;
import java.util.List;

/**
 * All lines of an order are reserved. {@code expiresAt} is when the hold lapses unless a booked shipment confirms
 * it; the saga must book before then.
 */
public record StockReserved(String orderId, String reservationId, List<Allocation> allocations, Instant expiresAt) {
}
