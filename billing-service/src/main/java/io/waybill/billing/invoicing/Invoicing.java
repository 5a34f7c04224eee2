package io.waybill.billing.invoicing;

import io.smallrye.mutiny.Uni;
import io.waybill.billing.posting.BillingPublisher;
import io.waybill.billing.rating.BillableShipment;
import io.waybill.billing.rating.ChargeLineRecord;
import io.waybill.billing.rating.ChargeStatus;
import io.waybill.billing.rating.RateAgreements;
import io.waybill.billing.rating.RateTerms;
import io.waybill.foundation.events.EventContext;
import io.waybill.model.billing.BillingTerms;
import io.waybill.model.billing.Invoice;
import io.waybill.model.billing.InvoiceLine;
import io.waybill.model.billing.PaymentState;
import io.waybill.model.billing.Totals;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Customer invoicing on proof of delivery. Called after every change to a shipment's billing state (booked, rated,
 * delivered, cancelled), in whatever order those arrive, and issues the invoice the moment everything it needs is
 * there: per shipment, or per order once every live shipment of the order is delivered, by the customer's terms.
 * <p>
 * Exactly once: the inbox drops redelivered messages, a shipment that already has an invoice is skipped, and the
 * unique invoicing key stops two concurrent deliveries from both issuing one (the loser's transaction rolls back
 * and is retried, and then finds the invoice).
 */
@ApplicationScoped
public class Invoicing {

    private static final Logger LOG = Logger.getLogger(Invoicing.class);

    private final RateAgreements agreements;
    private final DocumentNumbers numbers;
    private final BillingPublisher publisher;
    private final Clock clock;

    public Invoicing(RateAgreements agreements, DocumentNumbers numbers, BillingPublisher publisher, Clock clock) {
        this.agreements = agreements;
        this.numbers = numbers;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Issues the invoice that covers this shipment if it is now due; does nothing otherwise. Runs in the caller's transaction. */
    public Uni<Void> invoiceIfDue(BillableShipment shipment, EventContext context) {
        if (!isBillable(shipment)) {
            return Uni.createFrom().voidItem();
        }
        return agreements.termsOf(shipment.customerId).chain(terms -> {
            if (terms.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            if (terms.get().billingTerms() == BillingTerms.PER_SHIPMENT) {
                return issue("shipment:" + shipment.shipmentId, shipment.orderId, List.of(shipment), terms.get(), context);
            }
            return BillableShipment.ofOrder(shipment.orderId).chain(ofOrder -> {
                List<BillableShipment> live = ofOrder.stream().filter(s -> !s.isCancelled()).toList();
                boolean complete = !live.isEmpty() && live.stream().allMatch(Invoicing::isBillable);
                return complete
                        ? issue("order:" + shipment.orderId, shipment.orderId, live, terms.get(), context)
                        : Uni.createFrom().voidItem();
            });
        });
    }

    /** After a shipment of the order dropped out (cancelled), the rest of a per-order invoice may now be due. */
    public Uni<Void> invoiceIfDueForOrder(String orderId, EventContext context) {
        return BillableShipment.ofOrder(orderId).chain(shipments -> shipments.stream()
                .filter(Invoicing::isBillable).findFirst()
                .map(shipment -> invoiceIfDue(shipment, context))
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    private static boolean isBillable(BillableShipment shipment) {
        return shipment.isDelivered() && !shipment.isCancelled() && !shipment.isInvoiced()
                && shipment.chargeStatus == ChargeStatus.RATED;
    }

    private Uni<Void> issue(String invoicingKey, String orderId, List<BillableShipment> shipments, RateTerms terms,
                            EventContext context) {
        return InvoiceRecord.count("invoicingKey", invoicingKey).chain(existing -> {
            if (existing > 0) {
                LOG.warnf("Invoice %s exists although its shipments were not marked invoiced", invoicingKey);
                return Uni.createFrom().voidItem();
            }
            List<String> shipmentIds = shipments.stream().map(s -> s.shipmentId).toList();
            Instant issuedAt = clock.instant();
            return ChargeLineRecord.ofShipments(shipmentIds)
                    .chain(charges -> numbers.nextInvoiceNumber(issuedAt).chain(number -> {
                        UUID invoiceId = UUID.randomUUID();
                        List<InvoiceLine> lines = new ArrayList<>();
                        for (ChargeLineRecord charge : charges) {
                            lines.add(new InvoiceLine(lines.size() + 1, charge.shipmentId, charge.code,
                                    charge.description, charge.money()));
                        }
                        Invoice invoice = new Invoice(invoiceId.toString(), number, shipments.get(0).customerId,
                                orderId, shipmentIds, issuedAt,
                                issuedAt.atZone(ZoneOffset.UTC).toLocalDate().plusDays(terms.paymentTermDays()),
                                lines, Totals.sum(lines.stream().map(InvoiceLine::amount).toList(), terms.currency()));
                        return persist(invoice, invoicingKey, shipments)
                                .chain(() -> publisher.invoiceIssued(invoice, context));
                    }));
        });
    }

    private Uni<Void> persist(Invoice invoice, String invoicingKey, List<BillableShipment> shipments) {
        UUID invoiceId = UUID.fromString(invoice.invoiceId());
        InvoiceRecord record = new InvoiceRecord();
        record.id = invoiceId;
        record.number = invoice.number();
        record.invoicingKey = invoicingKey;
        record.customerId = invoice.customerId();
        record.orderId = invoice.orderId();
        record.currency = invoice.total().currency();
        record.totalAmount = invoice.total().amount();
        record.issuedAt = invoice.issuedAt();
        record.dueDate = invoice.dueDate();
        record.paymentState = PaymentState.NOT_PAID;
        record.amountDue = invoice.total().amount();
        shipments.forEach(s -> s.invoiceId = invoiceId);
        List<InvoiceLineRecord> lines = invoice.lines().stream().map(l -> InvoiceLineRecord.of(invoiceId, l)).toList();
        // The invoice row first: its lines reference it.
        return record.persistAndFlush()
                .chain(() -> InvoiceLineRecord.persist(lines))
                .replaceWithVoid();
    }
}
