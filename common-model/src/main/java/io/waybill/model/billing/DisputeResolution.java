package io.waybill.model.billing;

/** An operator's decision on a freight dispute. */
public enum DisputeResolution {
    /** The carrier's charge stands: Waybill pays it, and passes it on to the customer where the agreement says so. */
    ACCEPTED,
    /** The carrier's charge is refused: Waybill does not pay it and the customer never sees it. */
    REJECTED
}
