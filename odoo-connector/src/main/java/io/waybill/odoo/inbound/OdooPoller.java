package io.waybill.odoo.inbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.client.OdooRecord;
import io.waybill.odoo.config.OdooConnectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The safety net under the webhooks: every interval, reads what changed in Odoo since the last poll (by
 * {@code write_date}) and hands it to the same import as the webhook path. A webhook Odoo failed to send (it only
 * logs a failure) or a connector that was down is caught up here.
 * <p>
 * The cursor moves to the newest write_date seen and the next poll asks for {@code >=} it, because several
 * records can share one second; records seen twice are recognized by their bindings.
 */
@ApplicationScoped
public class OdooPoller {

    private static final Logger LOG = Logger.getLogger(OdooPoller.class);

    /** What one poll run saw and did, per model. */
    public record Report(Map<String, Integer> changedRecords, Map<String, Integer> published) {
    }

    private record Polled(String model, List<Object> filter, List<String> fields,
                          Function<OdooRecord, Uni<Boolean>> handler) {
    }

    private final OdooClient odoo;
    private final SalesOrderReader orders;
    private final SalesOrderImport imports;
    private final CustomerSync customers;
    private final ProductSync products;
    private final OdooConnectorConfig config;

    public OdooPoller(OdooClient odoo, SalesOrderReader orders, SalesOrderImport imports, CustomerSync customers,
                      ProductSync products, OdooConnectorConfig config) {
        this.odoo = odoo;
        this.orders = orders;
        this.imports = imports;
        this.customers = customers;
        this.products = products;
        this.config = config;
    }

    @Scheduled(every = "${waybill.odoo.poll.interval}", delayed = "${waybill.odoo.poll.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        if (!config.poll().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return pollNow().onFailure().invoke(e -> LOG.warnf("Odoo poll failed, next run retries: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One poll of every followed model, in order: customers and products first, so orders find them bound. */
    public Uni<Report> pollNow() {
        List<Polled> polled = List.of(
                new Polled("res.partner", List.of(List.of("parent_id", "=", false)), SalesOrderReader.PARTNER_FIELDS,
                        this::syncPartner),
                new Polled("product.product", List.of(List.of("default_code", "!=", false)), ProductSync.FIELDS,
                        product -> Panache.withTransaction(() -> products.sync(product))),
                new Polled("sale.order", List.of(List.of("state", "in", List.of("sale", "cancel"))),
                        SalesOrderReader.ORDER_FIELDS, this::importOrder));
        Map<String, Integer> changed = new java.util.LinkedHashMap<>();
        Map<String, Integer> published = new java.util.LinkedHashMap<>();
        return Multi.createFrom().iterable(polled)
                .onItem().transformToUniAndConcatenate(p -> poll(p).invoke(counts -> {
                    changed.put(p.model(), counts[0]);
                    published.put(p.model(), counts[1]);
                }))
                .collect().asList()
                .map(done -> new Report(changed, published));
    }

    private Uni<int[]> poll(Polled polled) {
        return cursor(polled.model()).chain(cursor -> page(polled, cursor, 0, cursor, new int[2])
                .chain(result -> saveCursor(polled.model(), result.newest()).replaceWith(result.counts())));
    }

    private record Paged(String newest, int[] counts) {
    }

    /**
     * Reads one page of changed records and applies them. A full page means there may be more (a bulk change can
     * touch more records within one second than a page holds), so the next page follows in the same run: the
     * cursor only moves once everything from it on was read.
     */
    private Uni<Paged> page(Polled polled, String cursor, int offset, String newest, int[] counts) {
        List<Object> domain = new ArrayList<>(polled.filter());
        domain.add(List.of("write_date", ">=", cursor));
        int size = config.poll().batchSize();
        return odoo.execute(io.waybill.odoo.client.OdooCall.on(polled.model(), "search_read")
                        .positional("domain", domain)
                        .keyword("fields", polled.fields())
                        .keyword("offset", offset == 0 ? null : offset)
                        .keyword("limit", size)
                        .keyword("order", "write_date asc, id asc")
                        .build())
                .map(OdooClient::records)
                .chain(records -> Multi.createFrom().iterable(records)
                        .onItem().transformToUniAndConcatenate(record -> polled.handler().apply(record)
                                .onFailure(UnusableOdooRecordException.class).recoverWithItem(failure -> {
                                    LOG.warnf("Odoo %s %d cannot be imported: %s", polled.model(), record.id(),
                                            failure.getMessage());
                                    return false;
                                }))
                        .collect().asList()
                        .chain(results -> {
                            counts[0] += records.size();
                            counts[1] += (int) results.stream().filter(Boolean::booleanValue).count();
                            String latest = records.isEmpty() ? newest
                                    : records.get(records.size() - 1).text("write_date").orElse(newest);
                            return records.size() < size
                                    ? Uni.createFrom().item(new Paged(latest, counts))
                                    : page(polled, cursor, offset + size, latest, counts);
                        }));
    }

    private Uni<Boolean> importOrder(OdooRecord header) {
        return imports.alreadyKnown(header.id(), header.textOrNull("state")).chain(known -> known
                ? Uni.createFrom().item(false)
                : orders.complete(header).chain(imports::apply).map(outcome -> outcome == SalesOrderImport.Outcome.CONFIRMED
                || outcome == SalesOrderImport.Outcome.CANCELLED));
    }

    private Uni<Boolean> syncPartner(OdooRecord partner) {
        return odoo.read("res.country", partner.many2oneId("country_id").map(List::of).orElse(List.of()), List.of("code"))
                .chain(countries -> Panache.withTransaction(() -> customers.sync(partner, countries.isEmpty() ? Map.of()
                        : Map.of(countries.get(0).id(), countries.get(0).textOrNull("code")))));
    }

    private Uni<String> cursor(String model) {
        return inSession(session -> session.createNativeQuery(
                        "SELECT last_write_date FROM odoo_poll_cursor WHERE odoo_model = :model", String.class)
                .setParameter("model", model)
                .getResultList()
                .map(rows -> rows.isEmpty() ? config.poll().startFrom() : rows.get(0)));
    }

    private Uni<Void> saveCursor(String model, String writeDate) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO odoo_poll_cursor (odoo_model, last_write_date, polled_at) VALUES (:model, :date, now())
                        ON CONFLICT (odoo_model) DO UPDATE SET last_write_date = excluded.last_write_date, polled_at = now()""")
                .setParameter("model", model)
                .setParameter("date", writeDate)
                .executeUpdate())).replaceWithVoid();
    }

    private static <T> Uni<T> inSession(java.util.function.Function<org.hibernate.reactive.mutiny.Mutiny.Session, Uni<T>> work) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> work.apply(session)));
    }
}
