package io.waybill.model.inventory;

/**
 * Why a stock figure changed. Each movement of the ledger has one; on hand and reserved of a position are the sums
 * of its movements' deltas.
 */
public enum MovementType {
    /** Goods arrived (purchase receipt, transfer in); on hand up. */
    RECEIPT,
    /** Goods came back from a customer; on hand up. */
    RETURN,
    /** A counted or reconciled difference, or damaged goods written off; on hand up or down. */
    ADJUSTMENT,
    /** The picker did not find goods the ledger said were there; on hand down, the order's reservation shrinks. */
    PICK_SHORTAGE,
    /** Stock promised to an order; reserved up. */
    RESERVATION,
    /** A reservation given back (compensation, cancellation, expiry); reserved down. */
    RELEASE,
    /** Reserved goods left the warehouse; on hand and reserved down. */
    SHIPMENT
}
