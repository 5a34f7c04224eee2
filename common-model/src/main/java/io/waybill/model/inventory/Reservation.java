package io.waybill.model.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Stock promised to one order: its allocations, its state and, while only held, when it expires. */
public record Reservation(String reservationId, String orderId, ReservationStatus status,
                          List<Allocation> allocations, Instant expiresAt) {

    public Reservation {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
    }
}
