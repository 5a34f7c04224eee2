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
 * Per order, billing can only wait for the shipments it knows of: a shipment booked after the order's invoice went out
 * (a split consignment, a re-shipment) is billed on its own supplementary invoice once it is delivered, keyed
 * {@code order:<order>:shipment:<shipment>}. That is what a freight biller expects: the order invoice already posted
 * is never reopened, the late shipment's freight is still billed, and each shipment is on exactly one invoice.
 * Holding the order invoice back instead would not help, since billing cannot know a further shipment is coming.
 * <p>
 * Exactly once: the inbox drops redelivered messages, a shipment that already has an invoice is skipped, every
 * caller holds the order's lock, and the unique invoicing key stops two concurrent deliveries from both issuing one
 * (the loser's transaction rolls back and is retried, and then finds the invoice).
 */
@ApplicationScoped
public class Invoicing {

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
            String orderKey = orderKey(shipment.orderId);
            return InvoiceRecord.count("invoicingKey", orderKey).chain(orderInvoiced -> {
                if (orderInvoiced > 0) {
                    // Booked after the order's invoice went out: its own supplementary invoice.
                    return issue(orderKey + ":shipment:" + shipment.shipmentId, shipment.orderId, List.of(shipment),
                            terms.get(), context);
                }
                return BillableShipment.ofOrder(shipment.orderId).chain(ofOrder -> {
                    List<BillableShipment> live = ofOrder.stream().filter(s -> !s.isCancelled()).toList();
                    boolean complete = !live.isEmpty() && live.stream().allMatch(Invoicing::isBillable);
                    return complete
                            ? issue(orderKey, shipment.orderId, live, terms.get(), context)
                            : Uni.createFrom().voidItem();
                });
            });
        });
    }

    static String orderKey(String orderId) {
        return "order:" + orderId;
    }

    /**
     * After a shipment of the order dropped out (cancelled), the rest of a per-order invoice may now be due; after
     * the order was invoiced, every delivered shipment not on it is due on its own.
     */
    public Uni<Void> invoiceIfDueForOrder(String orderId, EventContext context) {
        return BillableShipment.ofOrder(orderId).chain(shipments -> {
            Uni<Void> invoiced = Uni.createFrom().voidItem();
            for (BillableShipment shipment : shipments) {
                // Re-checked one by one: the first may issue the order invoice that covers the others.
                invoiced = invoiced.chain(() -> invoiceIfDue(shipment, context));
            }
            return invoiced;
        });
    }

    private static boolean isBillable(BillableShipment shipment) {
        return shipment.isDelivered() && !shipment.isCancelled() && !shipment.isInvoiced()
                && shipment.chargeStatus == ChargeStatus.RATED;
    }

    private Uni<Void> issue(String invoicingKey, String orderId, List<BillableShipment> shipments, RateTerms terms,
                            EventContext context) {
        return InvoiceRecord.count("invoicingKey", invoicingKey).chain(existing -> {
            if (existing > 0) {
                // Every caller holds the order's lock and skips invoiced shipments, so this is a broken invariant,
                // not a race: fail the message (it is retried, then dead-lettered for an operator) instead of
                // leaving the shipment silently unbilled.
                return Uni.createFrom().failure(new IllegalStateException("Invoice " + invoicingKey
                        + " exists but does not cover shipments " + shipments.stream().map(s -> s.shipmentId).toList()));
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
