package io.waybill.shipment.carrier;

/**
 * Where a void (refund) of a label stands. Some carriers void at once; others accept the request and settle it later
 * (EasyPost refunds go {@code submitted}, then {@code refunded} or {@code rejected}), so a submitted void is not yet a
 * cancellation. A refused void is a {@link CarrierRejectedException}, not an outcome.
 */
public enum VoidOutcome {
    /** Voided: nothing is carried and nothing is charged. */
    VOIDED,
    /** Accepted, not settled yet: ask again later ({@link CarrierAdapter#voidStatus}). */
    PENDING
}
