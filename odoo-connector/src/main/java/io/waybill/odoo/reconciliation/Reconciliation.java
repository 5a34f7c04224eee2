package io.waybill.odoo.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.events.odoo.InvoicePaymentUpdated;
import io.waybill.events.odoo.OdooEvents;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.model.Money;
import io.waybill.model.billing.PaymentState;
import io.waybill.odoo.binding.Binding;
import io.waybill.odoo.binding.BindingKind;
import io.waybill.odoo.binding.Bindings;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.client.OdooRecord;
import io.waybill.odoo.inbound.SalesOrderImport;
import io.waybill.odoo.inbound.SalesOrderReader;
import io.waybill.odoo.outbound.TrackingRefOperation;
import io.waybill.odoo.outbound.WriteRequests;
import io.waybill.odoo.writequeue.WriteQueue;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares Waybill's view with Odoo's and repairs what drifted:
 * <ul>
 *   <li>orders published as confirmed that Odoo now shows cancelled: the cancellation is published;</li>
 *   <li>deliveries whose tracking number in Odoo is not the one written: the write is queued again;</li>
 *   <li>posted invoices: the payment state is read back, and a change is published
 *       ({@code invoice-payment-updated}); this is also how payments registered in Odoo reach Waybill.</li>
 * </ul>
 * Orders bound here but missing in Odoo (deleted) are reported only: that needs a person.
 */
@ApplicationScoped
@Startup
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    private static final int BATCH = 100;
    static final String MISMATCHES = "waybill.reconciliation.mismatches";

    public record Drift(String kind, String canonicalId, long odooId, String waybillView, String odooView, String action) {
    }

    public record Report(Instant ranAt, int ordersChecked, int deliveriesChecked, int invoicesChecked, List<Drift> drifts) {
    }

    private final OdooClient odoo;
    private final Bindings bindings;
    private final SalesOrderReader orders;
    private final SalesOrderImport imports;
    private final WriteQueue queue;
    private final Outbox outbox;
    private final Clock clock;
    private final Counter repaired;
    private final Counter reportedOnly;

    public Reconciliation(OdooClient odoo, Bindings bindings, SalesOrderReader orders, SalesOrderImport imports,
                          WriteQueue queue, Outbox outbox, Clock clock, MeterRegistry registry) {
        this.odoo = odoo;
        this.bindings = bindings;
        this.orders = orders;
        this.imports = imports;
        this.queue = queue;
        this.outbox = outbox;
        this.clock = clock;
        // The same series inventory-service counts partner-stock mismatches in, told apart by source; registered at
        // start so alerts have a zero baseline. Repaired drift is CORRECTED, drift left for a person FLAGGED.
        this.repaired = registry.counter(MISMATCHES, "source", "odoo", "resolution", "CORRECTED");
        this.reportedOnly = registry.counter(MISMATCHES, "source", "odoo", "resolution", "FLAGGED");
    }

    @Scheduled(every = "${waybill.odoo.reconciliation.interval:15m}", delayed = "${waybill.odoo.reconciliation.interval:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().invoke(report -> {
                    if (!report.drifts().isEmpty()) {
                        LOG.warnf("Reconciliation with Odoo found %d drifts: %s", report.drifts().size(), report.drifts());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Reconciliation with Odoo failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Report> run() {
        List<Drift> drifts = Collections.synchronizedList(new ArrayList<>());
        return bound(BindingKind.SALES_ORDER).chain(salesOrders -> checkOrders(salesOrders, drifts)
                .chain(() -> bound(BindingKind.DELIVERY)).chain(deliveries -> checkDeliveries(deliveries, drifts)
                        .chain(() -> bound(BindingKind.INVOICE)).chain(invoices -> checkInvoices(invoices, drifts)
                                .map(ignored -> new Report(clock.instant(), salesOrders.size(), deliveries.size(),
                                        invoices.size(), List.copyOf(drifts))))))
                .invoke(report -> report.drifts().forEach(drift ->
                        ("reported".equals(drift.action()) ? reportedOnly : repaired).increment()));
    }

    private Uni<List<Binding>> bound(BindingKind kind) {
        return Panache.withSession(() -> bindings.all(kind));
    }

    private Uni<Void> checkOrders(List<Binding> bound, List<Drift> drifts) {
        return inBatches(bound, "sale.order", SalesOrderReader.ORDER_FIELDS, (binding, odooOrder) -> {
            if (odooOrder == null) {
                drifts.add(new Drift("order", binding.canonicalId(), binding.odooId, binding.state, "missing", "reported"));
                return Uni.createFrom().voidItem();
            }
            if ("cancel".equals(odooOrder.textOrNull("state")) && !"CANCELLED".equals(binding.state)) {
                drifts.add(new Drift("order", binding.canonicalId(), binding.odooId, binding.state, "cancel",
                        "published cancellation"));
                return orders.complete(odooOrder).chain(imports::apply).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> checkDeliveries(List<Binding> bound, List<Drift> drifts) {
        List<Binding> withTracking = bound.stream().filter(b -> b.state != null).toList();
        return inBatches(withTracking, "stock.picking", List.of("carrier_tracking_ref", "sale_id"), (binding, picking) -> {
            if (picking == null) {
                drifts.add(new Drift("delivery", binding.canonicalId(), binding.odooId, binding.state, "missing", "reported"));
                return Uni.createFrom().voidItem();
            }
            String inOdoo = picking.textOrNull("carrier_tracking_ref");
            // A split order's delivery shows its shipments' numbers side by side: this one among them is no drift.
            if (binding.state.equals(inOdoo) || TrackingRefOperation.TrackingRefs.shows(inOdoo, binding.state)) {
                return Uni.createFrom().voidItem();
            }
            long odooOrder = picking.many2oneId("sale_id").orElse(0L);
            if (odooOrder == 0) {
                drifts.add(new Drift("delivery", binding.canonicalId(), binding.odooId, binding.state, inOdoo, "reported"));
                return Uni.createFrom().voidItem();
            }
            drifts.add(new Drift("delivery", binding.canonicalId(), binding.odooId, binding.state, inOdoo,
                    "tracking ref queued again"));
            return Panache.withTransaction(() -> queue.enqueue(WriteRequests.TrackingRef.OPERATION, binding.canonicalId(),
                    new WriteRequests.TrackingRef(binding.canonicalId(), null, odooOrder, binding.state, null), "reconciliation"));
        });
    }

    private Uni<Void> checkInvoices(List<Binding> bound, List<Drift> drifts) {
        return inBatches(bound, "account.move", List.of("name", "state", "payment_state", "amount_total",
                "amount_residual", "currency_id"), (binding, move) -> {
            if (move == null) {
                drifts.add(new Drift("invoice", binding.canonicalId(), binding.odooId, binding.state, "missing", "reported"));
                return Uni.createFrom().voidItem();
            }
            if (!"posted".equals(move.textOrNull("state"))) {
                return Uni.createFrom().voidItem();
            }
            PaymentState state = paymentState(move.textOrNull("payment_state"));
            // A second partial payment leaves the state at PARTIAL but lowers what is due: both are compared.
            String seen = PaymentMark.of(state, move.decimal("amount_residual").orElse(null));
            if (PaymentMark.same(seen, binding.state)) {
                return Uni.createFrom().voidItem();
            }
            drifts.add(new Drift("invoice", binding.canonicalId(), binding.odooId, binding.state, seen,
                    "published payment state"));
            String currency = move.many2oneName("currency_id").orElse(null);
            InvoicePaymentUpdated update = new InvoicePaymentUpdated(binding.canonicalId(), null, move.id(),
                    move.textOrNull("name"), state, money(move, "amount_total", currency), money(move, "amount_residual", currency),
                    clock.instant());
            return Panache.withTransaction(() -> bindings.advance(BindingKind.INVOICE, binding.canonicalId(), binding.state,
                            seen, null)
                    .chain(advanced -> advanced
                            ? outbox.append(OdooEvents.INVOICE_PAYMENT_UPDATED, binding.canonicalId(), update,
                            EventContext.start(null, null)).replaceWithVoid()
                            : Uni.createFrom().voidItem()));
        });
    }

    private interface Check {
        Uni<Void> apply(Binding binding, OdooRecord inOdoo);
    }

    /** Reads the bound records a batch at a time (one call per batch) and checks each. */
    private Uni<Void> inBatches(List<Binding> bound, String model, List<String> fields, Check check) {
        List<List<Binding>> batches = new ArrayList<>();
        for (int i = 0; i < bound.size(); i += BATCH) {
            batches.add(bound.subList(i, Math.min(bound.size(), i + BATCH)));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> odoo.read(model,
                                batch.stream().map(b -> b.odooId).toList(), fields)
                        .chain(records -> {
                            Map<Long, OdooRecord> byId = records.stream()
                                    .collect(Collectors.toMap(OdooRecord::id, Function.identity()));
                            return Multi.createFrom().iterable(batch)
                                    .onItem().transformToUniAndConcatenate(b -> check.apply(b, byId.get(b.odooId)))
                                    .collect().asList();
                        }))
                .collect().asList().replaceWithVoid();
    }

    static PaymentState paymentState(String odoo) {
        return switch (odoo == null ? "" : odoo) {
            case "paid" -> PaymentState.PAID;
            case "in_payment" -> PaymentState.IN_PAYMENT;
            case "partial" -> PaymentState.PARTIAL;
            case "reversed" -> PaymentState.REVERSED;
            default -> PaymentState.NOT_PAID;
        };
    }

    /**
     * What the binding remembers of an invoice's payment: the state, and the amount still due once Odoo has
     * reported one ("PARTIAL 40"). A bare state (as bound at posting) matches any residual of that state.
     */
    static final class PaymentMark {

        private PaymentMark() {
        }

        static String of(PaymentState state, BigDecimal residual) {
            return residual == null ? state.name() : state.name() + " " + residual.stripTrailingZeros().toPlainString();
        }

        static boolean same(String seen, String remembered) {
            if (remembered == null) {
                return false;
            }
            return seen.equals(remembered) || !remembered.contains(" ") && seen.startsWith(remembered + " ");
        }
    }

    private static Money money(OdooRecord move, String field, String currency) {
        if (currency == null) {
            return null;
        }
        BigDecimal amount = move.decimal(field).orElse(null);
        return amount == null ? null : Money.of(amount, currency);
    }
}
