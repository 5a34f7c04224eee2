package io.waybill.billing.rating;

/** How far the customer's charge for a shipment has got. */
public enum ChargeStatus {
    /** Billing heard of the shipment (e.g. its delivery) before its booking: no carrier quote, no charge yet. */
    AWAITING_BOOKING,
    /** Booked, but the order's booking request (service level, destination, parcels) has not arrived yet. */
    AWAITING_BASIS,
    /** The charge is computed from the customer's rate agreement. */
    RATED,
    /** The agreement cannot rate it (no agreement, no band for the weight): an operator must look at it. */
    UNRATED,
    /**
     * A return shipment: its label is Waybill's carrier cost (audited and counted in the margin), but the customer is
     * not charged for it, so it is never invoiced.
     */
    NOT_CHARGED
}
