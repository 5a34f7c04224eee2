package io.waybill.billing.invoicing;

import io.smallrye.mutiny.Uni;
import io.waybill.billing.posting.BillingPublisher;
import io.waybill.events.billing.InvoicePaymentUpdated;
import io.waybill.foundation.events.EventContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Payment states from Odoo, shown on the invoice. Odoo is the system of record for payments; billing only keeps the
 * latest state it was told, ignoring reports older than the one it has (the connector may poll and receive webhooks).
 */
@ApplicationScoped
public class Payments {

    private static final Logger LOG = Logger.getLogger(Payments.class);

    private final BillingPublisher publisher;

    public Payments(BillingPublisher publisher) {
        this.publisher = publisher;
    }

    /** Runs in the inbox transaction of the Odoo event. */
    public Uni<Void> record(io.waybill.events.odoo.InvoicePaymentUpdated update, EventContext context) {
        UUID invoiceId;
        try {
            invoiceId = UUID.fromString(update.invoiceId());
        } catch (IllegalArgumentException notOurs) {
            LOG.warnf("Payment update for %s, which is not an invoice id billing issued; ignored", update.invoiceId());
            return Uni.createFrom().voidItem();
        }
        return InvoiceRecord.<InvoiceRecord>findById(invoiceId).chain(invoice -> {
            if (invoice == null) {
                // Credit and debit notes are posted to Odoo too; their payment state is not tracked here.
                LOG.debugf("Payment update for %s, not an invoice (a note?); ignored", update.invoiceId());
                return Uni.createFrom().voidItem();
            }
            Instant observedAt = update.observedAt();
            if (invoice.paymentObservedAt != null && !observedAt.isAfter(invoice.paymentObservedAt)) {
                return Uni.createFrom().voidItem();
            }
            boolean changed = invoice.paymentState != update.paymentState();
            invoice.paymentState = update.paymentState();
            invoice.paymentObservedAt = observedAt;
            if (update.amountDue() != null && update.amountDue().currency().equals(invoice.currency)) {
                // A second partial payment changes what is due without changing the state.
                changed |= invoice.amountDue == null || invoice.amountDue.compareTo(update.amountDue().amount()) != 0;
                invoice.amountDue = update.amountDue().amount();
            }
            if (update.odooNumber() != null) {
                invoice.odooNumber = update.odooNumber();
            }
            if (!changed) {
                return Uni.createFrom().voidItem();
            }
            return publisher.paymentUpdated(new InvoicePaymentUpdated(invoice.id.toString(), invoice.number,
                    invoice.customerId, invoice.paymentState, invoice.due(), observedAt), context);
        });
    }
}
