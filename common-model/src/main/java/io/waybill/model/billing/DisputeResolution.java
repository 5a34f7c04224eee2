package io.waybill.model.billing;

/** An operator's decision on a freight dispute. */
public enum DisputeResolution {
    /** The carrier's charge stands: Waybill pays it, and passes it on to the customer where the agreement says so. */
    ACCEPTED,
    /** The carrier's charge is refused: Waybill does not pay it and the customer never sees it. */
    REJECTED,
    /**
     * Not an operator's decision: the freight audit withdrew its own dispute because what it was based on changed.
     * Today only an {@code UNKNOWN_SHIPMENT} dispute, once billing learns the shipment after the bill: the line is
     * audited again by the normal rules ({@code payable} is the line's amount if that approved it, else zero; a new
     * dispute is opened if it did not).
     */
    WITHDRAWN
}
