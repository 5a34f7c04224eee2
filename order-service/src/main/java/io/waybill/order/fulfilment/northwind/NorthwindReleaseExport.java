package io.waybill.order.fulfilment.northwind;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.waybill.model.order.OrderLine;
import io.waybill.order.fulfilment.CancellationAnswers;
import io.waybill.order.fulfilment.ReleaseDocument;
import io.waybill.order.fulfilment.ReleaseHandOver;
import io.waybill.order.fulfilment.WarehouseCancellation;
import io.waybill.order.fulfilment.WarehouseRelease;
import io.waybill.order.routing.RoutingRules.PartnerLink;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes pending releases of file-linked warehouses (northwind-3pl) as one CSV file per run into the outbound
 * directory: one row per order line. The file is written under a temporary name and renamed, so northwind never
 * picks up half a file; only then are the releases marked handed over. Cancellations owed to northwind go out the
 * same way in their own files ({@code cancellations-*.csv}).
 */
@ApplicationScoped
public class NorthwindReleaseExport {

    private static final Logger LOG = Logger.getLogger(NorthwindReleaseExport.class);
    static final List<String> HEADER = List.of("release_reference", "warehouse", "line_id", "sku", "quantity", "unit",
            "ship_to_name", "ship_to_company", "ship_to_street1", "ship_to_street2", "ship_to_postal_code",
            "ship_to_city", "ship_to_country", "carrier", "tracking_number", "service_level");
    static final List<String> CANCELLATION_HEADER = List.of("release_reference", "warehouse", "reason");
    private static final Duration CLAIM_ABANDONED_AFTER = Duration.ofMinutes(5);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);

    private final NorthwindFiles files;
    private final ReleaseHandOver handOver;
    private final CancellationAnswers cancellations;
    private final Vertx vertx;
    private final Clock clock;

    public NorthwindReleaseExport(NorthwindFiles files, ReleaseHandOver handOver, CancellationAnswers cancellations,
                                  Vertx vertx, Clock clock) {
        this.files = files;
        this.handOver = handOver;
        this.cancellations = cancellations;
        this.vertx = vertx;
        this.clock = clock;
    }

    @Scheduled(every = "${waybill.fulfilment.northwind-3pl.export-every:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() throws Throwable {
        // A worker thread: run the reactive work on a fresh safe Vert.x context, as Hibernate Reactive requires.
        VertxContextSupport.subscribeAndAwait(() -> exportPending().chain(() -> exportCancellations()));
    }

    /** Exports what is pending; returns the number of releases written (0: no file). */
    public Uni<Integer> exportPending() {
        return Panache.withSession(() -> WarehouseRelease.pending(PartnerLink.FILE,
                        clock.instant().minus(CLAIM_ABANDONED_AFTER), 500))
                .map(pending -> pending.stream().filter(r -> r.partnerId.equals(files.partnerId())).toList())
                // Claimed (committed) before the file is written: a cancellation meanwhile then goes to northwind
                // as a cancellation row instead of only withdrawing the release here.
                .chain(ours -> Multi.createFrom().iterable(ours)
                        .onItem().transformToUniAndConcatenate(r -> handOver.claim(r.reference, r.version)
                                .map(claimed -> claimed == null ? null : new Claimed(r, claimed)))
                        .filter(c -> c != null)
                        .collect().asList())
                .chain(this::write);
    }

    private record Claimed(WarehouseRelease release, int version) {
    }

    private Uni<Integer> write(List<Claimed> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder csv = new StringBuilder(Csv.row(HEADER));
        for (Claimed c : claimed) {
            ReleaseDocument doc = c.release().document();
            for (OrderLine line : doc.lines()) {
                var to = doc.shipTo();
                csv.append(Csv.row(List.of(doc.releaseReference(), doc.warehouseId(), line.lineId(), line.sku(),
                        line.quantity().value().toPlainString(), line.quantity().unit().name(), nz(to.name()),
                        nz(to.company()), to.street1(), nz(to.street2()), nz(to.postalCode()), to.city(),
                        to.countryCode(), nz(doc.carrierId()), nz(doc.trackingNumber()), doc.serviceLevel().name())));
            }
        }
        return writeFile("releases-", csv.toString())
                .invoke(target -> LOG.infof("Exported %d releases to %s", claimed.size(), target))
                .chain(() -> Multi.createFrom().iterable(claimed)
                        // One release that cannot be marked now (its order changed meanwhile) must not keep
                        // the rest of the file from being marked: they would all go out again in the next file.
                        .onItem().transformToUniAndConcatenate(c -> handOver.handedOver(c.release().reference, c.version())
                                .onFailure().invoke(f -> LOG.warnf("Release of %s exported but not yet marked "
                                        + "handed over (%s); northwind-3pl will see it again, under the same "
                                        + "release reference", c.release().reference, f.getMessage()))
                                .onFailure().recoverWithNull())
                        .collect().asList())
                .replaceWith(claimed.size())
                // Nothing written: give the claims back so the next run writes them.
                .onFailure().call(f -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndConcatenate(c -> handOver.failed(c.release().reference, f))
                        .collect().asList());
    }

    /**
     * Writes the cancellations owed to northwind as one file ({@code cancellations-*.csv}, header
     * {@link #CANCELLATION_HEADER}); northwind answers each with a CANCELLED or CANCEL_REFUSED confirmation row.
     * Returns the number written.
     */
    public Uni<Integer> exportCancellations() {
        return Panache.withSession(() -> WarehouseCancellation.requested(PartnerLink.FILE, 500)).chain(requested -> {
            List<WarehouseCancellation> ours = requested.stream()
                    .filter(c -> c.partnerId.equals(files.partnerId())).toList();
            if (ours.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            StringBuilder csv = new StringBuilder(Csv.row(CANCELLATION_HEADER));
            for (WarehouseCancellation c : ours) {
                csv.append(Csv.row(List.of(c.releaseReference, c.warehouseId, c.reason)));
            }
            return writeFile("cancellations-", csv.toString())
                    .invoke(target -> LOG.infof("Exported %d cancellations to %s", ours.size(), target))
                    .chain(() -> Multi.createFrom().iterable(ours)
                            .onItem().transformToUniAndConcatenate(c -> cancellations.sent(c.releaseReference, c.partnerId, c.version)
                                    .onFailure().recoverWithNull())
                            .collect().asList())
                    .replaceWith(ours.size());
        });
    }

    /** Writes under a temporary name and renames, so northwind never picks up half a file; returns the path. */
    private Uni<String> writeFile(String prefix, String content) {
        String name = prefix + FILE_TIME.format(clock.instant()) + ".csv";
        String target = files.outbound().resolve(name).toString();
        String temporary = files.outbound().resolve("." + name + ".tmp").toString();
        return vertx.fileSystem().mkdirs(files.outbound().toString())
                .chain(() -> vertx.fileSystem().writeFile(temporary, Buffer.buffer(content)))
                .chain(() -> vertx.fileSystem().move(temporary, target))
                .replaceWith(target);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
