package io.waybill.order.saga;

import java.time.Instant;
import java.util.List;

/**
 * What the saga's participants answer, reduced to what the saga decides on. Read from inventory-service's and
 * shipment-service's events (and the 3PL links) by {@code messaging/}, tolerant of fields the saga does not need.
 */
public final class Replies {

    private Replies() {
    }

    /**
     * {@code waybill.inventory.stock-reserved.v1}: the warehouses that hold the allocations, in allocation order,
     * and when the hold lapses unless a booked shipment confirms it (null if inventory did not say).
     */
    public record StockReserved(String reservationId, List<String> warehouses, Instant expiresAt) {
    }

    /**
     * The order's reservation is gone: inventory released it ({@code waybill.inventory.reservation-released.v1},
     * e.g. it expired) or refused to confirm it for a booked shipment
     * ({@code waybill.inventory.reservation-confirmation-refused.v1}). {@code reservationId} null: inventory
     * knew of none.
     */
    public record ReservationLost(String reservationId, String reason) {
    }

    /** {@code waybill.inventory.reservation-rejected.v1}. */
    public record ReservationRejected(String reason, String shortages) {
    }

    /** {@code waybill.shipment.booked.v1}. */
    public record ShipmentBooked(String shipmentId, String carrierId, String trackingNumber) {
    }

    /** {@code waybill.shipment.booking-failed.v1}. */
    public record BookingFailed(String reason, List<String> triedCarriers) {
    }

    /** A warehouse could not pick a line in full (3PL webhook or file, or inventory's pick-shortage event). */
    public record PickShortage(String warehouseId, String sku, String shortQuantity, String reportedBy) {
    }
}
