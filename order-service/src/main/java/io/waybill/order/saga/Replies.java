package io.waybill.order.saga;

import io.waybill.model.order.OrderLine;
import io.waybill.model.order.Parcel;

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
     * {@code waybill.inventory.stock-reserved.v1}: what was reserved in each warehouse, in allocation order (one
     * entry for an order reserved whole, several for a split one), and when the hold lapses unless a booked shipment
     * confirms it (null if inventory did not say).
     */
    public record StockReserved(String reservationId, List<ReservedPart> parts, Instant expiresAt) {

        public List<String> warehouses() {
            return parts.stream().map(ReservedPart::warehouseId).toList();
        }
    }

    /** The lines (or parts of lines) reserved in one warehouse, and the parcel they make. */
    public record ReservedPart(String warehouseId, List<OrderLine> lines, List<Parcel> parcels) {
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

    /**
     * {@code waybill.shipment.booked.v1}. {@code warehouseId}: the origin the booking request named, which tells a
     * split order's shipments apart (null from older publishers).
     */
    public record ShipmentBooked(String shipmentId, String carrierId, String trackingNumber, String warehouseId) {
    }

    /** {@code waybill.shipment.booking-failed.v1}; {@code warehouseId} as for {@link ShipmentBooked}. */
    public record BookingFailed(String reason, List<String> triedCarriers, String warehouseId) {
    }

    /** A warehouse could not pick a line in full (3PL webhook or file, or inventory's pick-shortage event). */
    public record PickShortage(String warehouseId, String sku, String shortQuantity, String reportedBy) {
    }
}
