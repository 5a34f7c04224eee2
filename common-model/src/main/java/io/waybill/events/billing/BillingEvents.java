package io.waybill.events.billing;

import io.waybill.events.EventStream;
import io.waybill.events.EventType;

import java.util.List;

/** Events published by billing-service on {@link EventStream#BILLING}. */
public final class BillingEvents {

    /** A customer invoice was posted on proof of delivery; odoo-connector books it in Odoo as an account.move. */
    public static final EventType<InvoiceIssued> INVOICE_ISSUED =
            EventType.of("waybill.billing.invoice-issued.v1", EventStream.BILLING, InvoiceIssued.class);

    /** A credit note lowered what a customer owes on a posted invoice (Odoo: an out_refund). */
    public static final EventType<AdjustmentNoteIssued> CREDIT_NOTE_ISSUED =
            EventType.of("waybill.billing.credit-note-issued.v1", EventStream.BILLING, AdjustmentNoteIssued.class);

    /** A debit note raised what a customer owes on a posted invoice, e.g. an accepted re-weigh passed on. */
    public static final EventType<AdjustmentNoteIssued> DEBIT_NOTE_ISSUED =
            EventType.of("waybill.billing.debit-note-issued.v1", EventStream.BILLING, AdjustmentNoteIssued.class);

    /** The payment state Odoo reported for an invoice changed; the portal shows it to the customer. */
    public static final EventType<InvoicePaymentUpdated> INVOICE_PAYMENT_UPDATED =
            EventType.of("waybill.billing.invoice-payment-updated.v1", EventStream.BILLING, InvoicePaymentUpdated.class);

    /** The freight audit put a carrier's bill line into the operators' review queue. Internal: no customer data. */
    public static final EventType<FreightDisputeOpened> FREIGHT_DISPUTE_OPENED =
            EventType.of("waybill.billing.freight-dispute-opened.v1", EventStream.BILLING, FreightDisputeOpened.class);

    /** An operator accepted or rejected a disputed carrier charge. Internal: no customer data. */
    public static final EventType<FreightDisputeResolved> FREIGHT_DISPUTE_RESOLVED =
            EventType.of("waybill.billing.freight-dispute-resolved.v1", EventStream.BILLING, FreightDisputeResolved.class);

    public static final List<EventType<?>> ALL = List.of(INVOICE_ISSUED, CREDIT_NOTE_ISSUED, DEBIT_NOTE_ISSUED,
            INVOICE_PAYMENT_UPDATED, FREIGHT_DISPUTE_OPENED, FREIGHT_DISPUTE_RESOLVED);

    private BillingEvents() {
    }
}
