package io.waybill.billing.audit;

/**
 * A freight dispute is open in the review queue until an operator accepts or rejects the carrier's charge, or the
 * freight audit withdraws it itself (an unknown shipment that became known: the line is audited again).
 */
public enum DisputeStatus {
    OPEN,
    ACCEPTED,
    REJECTED,
    /** Closed by the freight audit, not an operator: what the dispute was based on is no longer true. */
    WITHDRAWN
}
