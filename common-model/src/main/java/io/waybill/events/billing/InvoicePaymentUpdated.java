package io.waybill.events.billing;

import io.waybill.model.Money;
import io.waybill.model.billing.PaymentState;

import java.time.Instant;

/** Data of {@code waybill.billing.invoice-payment-updated.v1}: an invoice's payment state as Odoo last reported it. */
public record InvoicePaymentUpdated(String invoiceId, String number, String customerId, PaymentState paymentState,
                                    Money amountResidual, Instant updatedAt) {
}
