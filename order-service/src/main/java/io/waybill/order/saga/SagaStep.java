package io.waybill.order.saga;

/**
 * Where an order's saga stands: which participant it is waiting for. The first three steps have deadlines; the
 * others wait on the physical world (picking, transport) and are followed, not escalated.
 */
public enum SagaStep {
    RESERVING_STOCK(true),
    BOOKING_SHIPMENT(true),
    RELEASING_TO_WAREHOUSE(true),
    AWAITING_PICK(false),
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
