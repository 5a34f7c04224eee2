package io.waybill.model.billing;

/** Why the freight audit did not approve a carrier's bill line on its own. */
public enum DisputeReason {
    /** Billed above the booking quote by more than the tolerance. */
    OVERCHARGE,
    /** No shipment Waybill booked carries this tracking number. */
    UNKNOWN_SHIPMENT,
    /** The same charge for the same shipment was billed before. */
    DUPLICATE_BILL,
    /** An accessorial the quote did not include (residential, address correction, detention, waiting time). */
    UNQUOTED_ACCESSORIAL,
    /** Billed in another currency than the carrier quoted in: not comparable with the quote, for an operator to judge. */
    CURRENCY_MISMATCH
}
