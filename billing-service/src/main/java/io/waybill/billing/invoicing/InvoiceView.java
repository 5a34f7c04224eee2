package io.waybill.billing.invoicing;

import io.waybill.model.Money;
import io.waybill.model.billing.AdjustmentNote;
import io.waybill.model.billing.InvoiceLine;
import io.waybill.model.billing.PaymentState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A posted invoice as the API shows it: its immutable figures, the notes issued against it, the resulting balance
 * (total, minus credits, plus debits) and the payment state Odoo last reported.
 */
public record InvoiceView(String invoiceId, String number, String customerId, String orderId,
                          List<String> shipmentIds, Instant issuedAt, LocalDate dueDate, List<InvoiceLine> lines,
                          Money total, List<AdjustmentNote> notes, Money balance, Payment payment) {

    /** Payment as Odoo reports it; {@code amountDue} is Odoo's open amount of the invoice itself. */
    public record Payment(PaymentState state, Money amountDue, String odooNumber, Instant observedAt) {
    }
}
