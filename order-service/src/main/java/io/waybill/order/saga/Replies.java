package io.waybill.order.saga;

import java.util.List;

/**
 * What the saga's participants answer, reduced to what the saga decides on. Read from inventory-service's and
 * shipment-service's events (and the 3PL links) by {@code messaging/}, tolerant of fields the saga does not need.
 */
public final class Replies {

    private Replies() {
    }

    /** {@code waybill.inventory.stock-reserved.v1}: the warehouses that hold the allocations, in allocation order. */
    public record StockReserved(String reservationId, List<String> warehouses) {
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
