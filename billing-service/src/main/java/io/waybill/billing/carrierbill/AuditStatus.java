package io.waybill.billing.carrierbill;

/** Where a carrier's bill line stands in the freight audit. */
public enum AuditStatus {
    /** Matched to its shipment and within tolerance of the quote: payable without review. */
    APPROVED,
    /** In the review queue with a dispute; not payable, and never passed on to the customer, until resolved. */
    DISPUTED,
    /**
     * Matched to a shipment whose carrier quote billing does not know yet: neither approved nor disputed, audited
     * as soon as the quote arrives. Not payable meanwhile.
     */
    AWAITING_QUOTE,
    /**
     * No shipment of this carrier carries the tracking number yet: a bill can overtake the booking (carrier bills
     * and Waybill's events travel separately). Neither approved nor disputed: audited as soon as billing learns the
     * shipment, disputed as {@code UNKNOWN_SHIPMENT} if it is still unknown once
     * {@code waybill.billing.audit.unknown-shipment-grace} has passed since the bill arrived. Not payable meanwhile.
     */
    AWAITING_SHIPMENT,
    /** An operator accepted the disputed charge. */
    ACCEPTED,
    /** An operator refused the disputed charge. */
    REJECTED;

    /** Whether Waybill owes the carrier this line. */
    public boolean isPayable() {
        return this == APPROVED || this == ACCEPTED;
    }
}
