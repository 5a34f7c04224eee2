package io.waybill.billing.audit;

/** A freight dispute is open in the review queue until an operator accepts or rejects the carrier's charge. */
public enum DisputeStatus {
    OPEN,
    ACCEPTED,
    REJECTED
}
