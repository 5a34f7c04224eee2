package io.waybill.odoo.outbound;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.billing.AdjustmentNoteIssued;
import io.waybill.events.billing.BillingEvents;
import io.waybill.events.billing.InvoiceIssued;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.model.billing.AdjustmentNoteLine;
import io.waybill.model.billing.InvoiceLine;
import io.waybill.odoo.writequeue.WriteQueue;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;


/**
 * Invoices and notes billing-service issued are booked in Odoo, which keeps the ledger: an invoice and a debit
 * note as {@code out_invoice}, a credit note as {@code out_refund} reversing the invoice's move.
 */
@ApplicationScoped
public class BillingStreamHandler implements EventHandler {

    private final WriteQueue queue;

    public BillingStreamHandler(WriteQueue queue) {
        this.queue = queue;
    }

    @Override
    public String name() {
        return "odoo-connector.billing";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(BillingEvents.INVOICE_ISSUED) || event.is(BillingEvents.CREDIT_NOTE_ISSUED)
                || event.is(BillingEvents.DEBIT_NOTE_ISSUED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        WriteRequests.InvoicePosting posting;
        if (event.is(BillingEvents.INVOICE_ISSUED)) {
            InvoiceIssued invoice = event.dataAs(BillingEvents.INVOICE_ISSUED);
            posting = new WriteRequests.InvoicePosting(invoice.invoiceId(), invoice.number(), "out_invoice",
                    invoice.customerId(), invoice.orderId(), date(invoice.issuedAt()),
                    invoice.lines().stream().map(BillingStreamHandler::line).toList(), null);
        } else {
            boolean credit = event.is(BillingEvents.CREDIT_NOTE_ISSUED);
            AdjustmentNoteIssued note = event.dataAs(credit ? BillingEvents.CREDIT_NOTE_ISSUED : BillingEvents.DEBIT_NOTE_ISSUED);
            posting = new WriteRequests.InvoicePosting(note.noteId(), note.number(), credit ? "out_refund" : "out_invoice",
                    note.customerId(), note.orderId(), date(note.issuedAt()),
                    note.lines().stream().map(BillingStreamHandler::line).toList(), credit ? note.invoiceId() : null);
        }
        return queue.enqueue(WriteRequests.InvoicePosting.OPERATION, posting.invoiceId(), posting, event.id());
    }

    private static WriteRequests.InvoicePostingLine line(InvoiceLine line) {
        return new WriteRequests.InvoicePostingLine(describe(line.description(), line.code().name(), line.shipmentId()),
                BigDecimal.ONE, line.amount().amount());
    }

    private static WriteRequests.InvoicePostingLine line(AdjustmentNoteLine line) {
        return new WriteRequests.InvoicePostingLine(describe(line.description(), line.code().name(), line.shipmentId()),
                BigDecimal.ONE, line.amount().amount());
    }

    private static String describe(String description, String code, String shipmentId) {
        String text = description == null || description.isBlank() ? code : description;
        return shipmentId == null ? text : text + " (" + shipmentId + ")";
    }

    private static LocalDate date(java.time.Instant instant) {
        return instant == null ? LocalDate.now(ZoneOffset.UTC) : instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

}
