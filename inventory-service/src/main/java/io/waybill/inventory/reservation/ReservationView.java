package io.waybill.inventory.reservation;

import io.waybill.model.Quantity;
import io.waybill.model.inventory.ReservationStatus;

import java.time.Instant;
import java.util.List;

/**
 * An order's reservation as operators and channels see it. An order split across warehouses ships one shipment per
 * warehouse, so each allocation says whether it shipped yet, and with which shipment ({@code shippedWith} and
 * {@code shippedAt} are null while it is still reserved, and for reservations consumed before this was recorded).
 * {@code releasedAt} says when a release of only its warehouse (a split order's cancelled part) gave it back; it is
 * null otherwise, also when the whole reservation was released or expired (its status says so).
 */
public record ReservationView(String reservationId, String orderId, ReservationStatus status,
                              List<AllocationView> allocations, Instant expiresAt) {

    public record AllocationView(String lineId, String warehouseId, String sku, String lot, Quantity quantity,
                                 String shippedWith, Instant shippedAt, Instant releasedAt) {
    }
}
