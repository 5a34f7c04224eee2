package io.waybill.model.order;

/**
 * Where an order is on its way from intake to invoice. The legal moves between these states are defined once, in
 * order-service's lifecycle state machine; every other service only reads them (from
 * {@code waybill.order.status-changed.v1}).
 */
public enum OrderStatus {
    /** Taken in from a channel, a partner or Odoo; not yet checked. */
    RECEIVED,
    /** Customer, SKUs, quantities, address and service level checked. */
    VALIDATED,
    /** Stock reservation asked of inventory-service. */
    ALLOCATING,
    /** Stock reserved in a warehouse. */
    ALLOCATED,
    /** Shipment booking asked of shipment-service. */
    BOOKING,
    /** A carrier has taken the shipment. */
    BOOKED,
    /** Handed to the warehouse or 3PL for picking. */
    RELEASED,
    SHIPPED,
    DELIVERED,
    INVOICED,
    CANCELLED,
    /** Stopped with a reason an operator can act on (retry or cancel). */
    ON_HOLD;

    public boolean isTerminal() {
        return this == CANCELLED || this == INVOICED;
    }
}
