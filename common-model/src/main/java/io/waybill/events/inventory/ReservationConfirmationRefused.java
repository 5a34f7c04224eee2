package io.waybill.events.inventory;

/**
 * A booked shipment arrived for an order that holds no stock any more: its reservation had lapsed or been
 * released, so nothing was confirmed and the goods may already be promised to another order. The saga must not
 * release the order to a warehouse on it. {@code reservationId} is the order's latest reservation (null if it never
 * had one) and {@code reason} what became of it ({@code expired}, {@code released}, {@code none}).
 */
public record ReservationConfirmationRefused(String orderId, String shipmentId, String reservationId, String reason) {

    public static final String EXPIRED = "expired";
    public static final String RELEASED = "released";
    public static final String NONE = "none";
}
