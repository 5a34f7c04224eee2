package io.waybill.order.saga;

/**
 * Where an order's saga stands: which participant it is waiting for, each with a deadline until the goods leave the
 * warehouse. Before hand-over an overrun holds the order; from the hand-over on (AWAITING_PICK: acknowledgement,
 * then shipping; CANCELLING: the partner's answer to a cancellation) it flags the order for an operator instead,
 * since the goods may still move. IN_TRANSIT is the carrier's: shipment-service follows it.
 */
public enum SagaStep {
    RESERVING_STOCK(true),
    BOOKING_SHIPMENT(true),
    RELEASING_TO_WAREHOUSE(true),
    AWAITING_PICK(true),
    /** The order is being cancelled and the partner that may hold its release has not yet answered. */
    CANCELLING(true),
    IN_TRANSIT(false),
    COMPLETED(false),
    HELD(false),
    CANCELLED(false);

    private final boolean hasDeadline;

    SagaStep(boolean hasDeadline) {
        this.hasDeadline = hasDeadline;
    }

    public boolean hasDeadline() {
        return hasDeadline;
    }

    public boolean isOver() {
        return this == COMPLETED || this == CANCELLED;
    }
}
