package io.waybill.model.inventory;

/**
 * The life of a stock reservation. HELD stock expires unless a booked shipment confirms it; CONFIRMED stock stays
 * reserved until the shipment leaves the warehouse (CONSUMED) or the order gives it back (RELEASED).
 */
public enum ReservationStatus {
    HELD,
    CONFIRMED,
    CONSUMED,
    RELEASED,
    EXPIRED;

    /** Whether the reservation still holds stock. */
    public boolean holdsStock() {
        return this == HELD || this == CONFIRMED;
    }
}
