package io.waybill.model.billing;

/** Where a customer invoice stands with payment, as Odoo reports it (account.move payment_state). */
public enum PaymentState {
    NOT_PAID,
    IN_PAYMENT,
    PARTIAL,
    PAID,
    REVERSED
}
