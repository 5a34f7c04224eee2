package io.waybill.inventory.reservation;

import io.waybill.model.Quantity;
import io.waybill.model.inventory.ReservationStatus;

import java.time.Instant;
import java.util.List;

/**
 * An order's reservation as operators and channels see it. An order split across warehouses ships one shipment per
 * warehouse, so each allocation says whether it shipped yet, and with which shipment ({@code shippedWith} and
 * {@code shippedAt} are null while it is still reserved, and for reservations consumed before this was recorded).
 */
public record ReservationView(String reservationId, String orderId, ReservationStatus status,
                              List<AllocationView> allocations, Instant expiresAt) {

    public record AllocationView(String lineId, String warehouseId, String sku, String lot, Quantity quantity,
                                 String shippedWith, Instant shippedAt) {
    }
}
