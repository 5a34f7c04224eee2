package io.waybill.events.odoo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.Money;
import io.waybill.model.billing.PaymentState;

import java.time.Instant;
import java.util.Objects;

/**
 * Data of {@code waybill.odoo.invoice-payment-updated.v1}: Odoo's payment state of an invoice or credit note that
 * billing-service issued and the connector posted as an {@code account.move}.
 *
 * @param invoiceId     billing-service's id of the invoice or credit note
 * @param odooNumber    the number Odoo gave the posted move, e.g. {@code INV/2026/00006}
 * @param amountDue     what is still open ({@code amount_residual})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoicePaymentUpdated(
        String invoiceId,
        String customerId,
        long odooMoveId,
        String odooNumber,
        PaymentState paymentState,
        Money amountTotal,
        Money amountDue,
        Instant observedAt) {

    public InvoicePaymentUpdated {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(paymentState, "paymentState");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
