package io.waybill.model.billing;

/** How a customer wants to be invoiced, from its rate agreement. */
public enum BillingTerms {
    /** One invoice for each delivered shipment, issued on its proof of delivery. */
    PER_SHIPMENT,
    /** One invoice for a whole order, issued when every one of its shipments is delivered. */
    PER_ORDER
}
