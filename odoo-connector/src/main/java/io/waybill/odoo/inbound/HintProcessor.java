package io.waybill.odoo.inbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.client.OdooException;
import io.waybill.odoo.client.OdooRecord;
import io.waybill.odoo.config.OdooConnectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back what webhooks hinted at, through the authenticated API, with retries: Odoo 17 posts before its
 * transaction commits, so the first read may still see the old state (or no record at all). After the configured
 * number of attempts a hint is dropped; the poll by write_date still catches the record.
 */
@ApplicationScoped
public class HintProcessor {

    private static final Logger LOG = Logger.getLogger(HintProcessor.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final InboundHints hints;
    private final OdooClient odoo;
    private final SalesOrderReader orders;
    private final SalesOrderImport imports;
    private final CustomerSync customers;
    private final ProductSync products;
    private final OdooConnectorConfig config;

    public HintProcessor(InboundHints hints, OdooClient odoo, SalesOrderReader orders, SalesOrderImport imports,
                         CustomerSync customers, ProductSync products, OdooConnectorConfig config) {
        this.hints = hints;
        this.odoo = odoo;
        this.orders = orders;
        this.imports = imports;
        this.customers = customers;
        this.products = products;
        this.config = config;
    }

    @Scheduled(every = "${waybill.odoo.webhook.processing-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> processDueHints() {
        return processDue();
    }

    public Uni<Void> processDue() {
        return hints.due(20).chain(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(this::process)
                .collect().asList().replaceWithVoid());
    }

    private Uni<Void> process(InboundHints.Hint hint) {
        Uni<String> work = switch (hint.model()) {
            case "sale.order" -> salesOrder(hint);
            case "res.partner" -> partner(hint);
            case "product.product" -> product(hint);
            default -> Uni.createFrom().item("not followed");
        };
        return work.chain(note -> note == null
                        ? Uni.createFrom().voidItem()
                        : Panache.withTransaction(() -> hints.done(hint, note)))
                .onFailure().recoverWithUni(failure -> failed(hint, failure));
    }

    /** @return the note to close the hint with, or null when it was rescheduled */
    private Uni<String> salesOrder(InboundHints.Hint hint) {
        return odoo.read("sale.order", List.of(hint.odooId()), List.of("state")).chain(found -> {
            if (found.isEmpty()) {
                return later(hint, "not readable yet (Odoo may not have committed)");
            }
            String state = found.get(0).textOrNull("state");
            if (hint.claimedState() != null && !hint.claimedState().equals(state)
                    && !"sale".equals(state) && !"cancel".equals(state)) {
                return later(hint, "webhook said " + hint.claimedState() + ", Odoo still shows " + state);
            }
            return imports.alreadyKnown(hint.odooId(), state).chain(known -> known
                    ? Uni.createFrom().item("already known as " + state)
                    : orders.read(hint.odooId()).chain(order -> order.isEmpty()
                    ? later(hint, "not readable any more")
                    : imports.apply(order.get()).map(Enum::name)));
        });
    }

    private Uni<String> partner(InboundHints.Hint hint) {
        return odoo.read("res.partner", List.of(hint.odooId()), SalesOrderReader.PARTNER_FIELDS).chain(found -> {
            if (found.isEmpty()) {
                return later(hint, "not readable yet");
            }
            OdooRecord partner = found.get(0);
            Optional<Long> country = partner.many2oneId("country_id");
            return odoo.read("res.country", country.map(List::of).orElse(List.of()), List.of("code"))
                    .chain(countries -> Panache.withTransaction(() -> customers.sync(partner,
                            countries.isEmpty() ? Map.of() : Map.of(countries.get(0).id(), countries.get(0).textOrNull("code")))))
                    .map(published -> published ? "synced" : "unchanged");
        });
    }

    private Uni<String> product(InboundHints.Hint hint) {
        return odoo.read("product.product", List.of(hint.odooId()), ProductSync.FIELDS).chain(found -> found.isEmpty()
                ? later(hint, "not readable yet")
                : Panache.withTransaction(() -> products.sync(found.get(0))).map(p -> p ? "synced" : "unchanged"));
    }

    private Uni<String> later(InboundHints.Hint hint, String reason) {
        if (hint.attempts() + 1 >= config.webhook().maxReadAttempts()) {
            LOG.infof("Giving up on the webhook hint for %s %d (%s); the poll will pick it up", hint.model(),
                    hint.odooId(), reason);
            return Uni.createFrom().item("left to the poll: " + reason);
        }
        return hints.retryLater(hint, backoff(hint), reason).replaceWith((String) null);
    }

    private Uni<Void> failed(InboundHints.Hint hint, Throwable failure) {
        if (failure instanceof UnusableOdooRecordException unusable) {
            LOG.warnf("Odoo %s %d cannot be imported: %s", hint.model(), hint.odooId(), unusable.getMessage());
            return Panache.withTransaction(() -> hints.done(hint, "unusable: " + unusable.getMessage()));
        }
        String reason = failure instanceof OdooException odooFault
                ? odooFault.getClass().getSimpleName() + ": " + odooFault.getMessage() : failure.toString();
        LOG.warnf("Reading back Odoo %s %d failed, will retry: %s", hint.model(), hint.odooId(), reason);
        return later(hint, reason)
                .chain(note -> note == null
                        ? Uni.createFrom().voidItem()
                        : Panache.withTransaction(() -> hints.done(hint, note)))
                .onFailure().invoke(e -> LOG.errorf(e, "Could not reschedule hint %s %d", hint.model(), hint.odooId()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Duration backoff(InboundHints.Hint hint) {
        Duration delay = config.webhook().firstRetryAfter().multipliedBy(1L << Math.min(hint.attempts(), 6));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
