package io.waybill.events.inventory;

/**
 * A reservation gave its stock back. {@code reason} says why: the order's own reason for a release request
 * (compensation, cancellation), or {@code expired} when it was never confirmed in time.
 */
public record ReservationReleased(String orderId, String reservationId, String reason) {

    public static final String EXPIRED = "expired";
}
