package io.waybill.model.shipment;

/**
 * The canonical tracking milestones every carrier's own status vocabulary is normalized to. Consumers (order-service,
 * the portal, billing) only ever see these names; what the carrier actually said travels beside them as
 * {@code carrierStatus}.
 * <p>
 * The rank orders the progress of a parcel towards its consignee. Terminal milestones end the shipment's journey:
 * a late scan never moves a shipment out of one.
 */
public enum Milestone {

    PRE_TRANSIT(10, false),
    PICKED_UP(20, false),
    IN_TRANSIT(30, false),
    EXCEPTION(35, false),
    OUT_FOR_DELIVERY(40, false),
    DELIVERY_ATTEMPTED(45, false),
    AVAILABLE_FOR_PICKUP(50, false),
    CANCELLED(80, true),
    RETURNED_TO_SENDER(90, true),
    DELIVERED(100, true);

    private final int rank;
    private final boolean terminal;

    Milestone(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    /** Progress towards the consignee; among terminal milestones, which one wins when a carrier reports several. */
    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
