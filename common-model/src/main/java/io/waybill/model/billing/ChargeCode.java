package io.waybill.model.billing;

/**
 * What a line of a freight charge is for. {@link #FREIGHT} is the base transport price; every other code is an
 * accessorial, a charge on top of it. The same codes are used on both sides of billing, for what Waybill charges
 * its customer and for what a carrier bills Waybill, so that the freight audit can match the two line by line.
 */
public enum ChargeCode {
    /** Base transport price by service level, zone and weight band. */
    FREIGHT,
    /** Fuel surcharge, a percentage of the base freight. */
    FUEL,
    /** Delivery to a residential address. */
    RESIDENTIAL,
    /** The carrier weighed the parcels heavier than declared and re-rated the shipment. */
    REWEIGH,
    /** The carrier corrected an incomplete or wrong delivery address. */
    ADDRESS_CORRECTION,
    /** Equipment (a trailer, a container) held beyond the free time. */
    DETENTION,
    /** A driver kept waiting at pickup or delivery beyond the free time. */
    WAITING_TIME;

    public boolean isAccessorial() {
        return this != FREIGHT;
    }

    /**
     * Whether the carrier's quote at booking already covers it: the quote is the all-in transport price, base
     * freight plus fuel. A re-weigh corrects that transport price, so it is audited against the quote too.
     */
    public boolean isCoveredByQuote() {
        return this == FREIGHT || this == FUEL || this == REWEIGH;
    }
}
