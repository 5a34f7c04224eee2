package io.waybill.billing.posting;

import io.smallrye.mutiny.Uni;
import io.waybill.events.billing.AdjustmentNoteIssued;
import io.waybill.events.billing.BillingEvents;
import io.waybill.events.billing.FreightDisputeOpened;
import io.waybill.events.billing.FreightDisputeResolved;
import io.waybill.events.billing.InvoiceIssued;
import io.waybill.events.billing.InvoicePaymentUpdated;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.model.billing.AdjustmentNote;
import io.waybill.model.billing.Invoice;
import io.waybill.model.billing.NoteKind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What billing tells the rest of Waybill, always through the outbox in the transaction that posted the document.
 * odoo-connector turns invoices and notes into Odoo account.moves; the portal shows invoices and payment states.
 * Invoice events use the invoice id as subject, so an invoice and its notes and payment updates stay in order.
 */
@ApplicationScoped
public class BillingPublisher {

    private final Outbox outbox;

    public BillingPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> invoiceIssued(Invoice invoice, EventContext context) {
        return outbox.append(BillingEvents.INVOICE_ISSUED, invoice.invoiceId(),
                new InvoiceIssued(invoice.invoiceId(), invoice.number(), invoice.customerId(), invoice.orderId(),
                        invoice.shipmentIds(), invoice.issuedAt(), invoice.dueDate(), invoice.lines(), invoice.total()),
                context.forCustomer(invoice.customerId())).replaceWithVoid();
    }

    public Uni<Void> noteIssued(AdjustmentNote note, String orderId, EventContext context) {
        var type = note.kind() == NoteKind.CREDIT ? BillingEvents.CREDIT_NOTE_ISSUED : BillingEvents.DEBIT_NOTE_ISSUED;
        return outbox.append(type, note.invoiceId(),
                new AdjustmentNoteIssued(note.noteId(), note.kind(), note.number(), note.invoiceId(),
                        note.invoiceNumber(), note.customerId(), orderId, note.reason(), note.issuedAt(),
                        note.lines(), note.total()),
                context.forCustomer(note.customerId())).replaceWithVoid();
    }

    public Uni<Void> paymentUpdated(InvoicePaymentUpdated update, EventContext context) {
        return outbox.append(BillingEvents.INVOICE_PAYMENT_UPDATED, update.invoiceId(), update,
                context.forCustomer(update.customerId())).replaceWithVoid();
    }

    /** Internal: disputes concern Waybill and its carrier, never the customer, so no customer id travels with them. */
    public Uni<Void> disputeOpened(FreightDisputeOpened dispute, EventContext context) {
        return outbox.append(BillingEvents.FREIGHT_DISPUTE_OPENED, dispute.disputeId(), dispute,
                context.forCustomer(null)).replaceWithVoid();
    }

    public Uni<Void> disputeResolved(FreightDisputeResolved resolution, EventContext context) {
        return outbox.append(BillingEvents.FREIGHT_DISPUTE_RESOLVED, resolution.disputeId(), resolution,
                context.forCustomer(null)).replaceWithVoid();
    }
}
