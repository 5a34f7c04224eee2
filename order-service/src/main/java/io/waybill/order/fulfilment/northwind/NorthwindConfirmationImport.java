package io.waybill.order.fulfilment.northwind;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.waybill.order.fulfilment.FulfilmentEvent;
import io.waybill.order.fulfilment.FulfilmentEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads northwind-3pl's confirmation files from the inbound directory, maps each row to a canonical
 * {@link FulfilmentEvent} and applies it (once per northwind event id), then moves the file to {@code processed/};
 * a file with any unreadable or unacceptable row goes to {@code error/} with a note saying which row and why.
 * Rows applied before the failing one stay applied: re-dropping the fixed file is harmless (event ids).
 * <p>
 * Format: header {@code event_id,release_reference,event_type,sku,quantity,tracking_number,occurred_at}.
 */
@ApplicationScoped
public class NorthwindConfirmationImport {

    private static final Logger LOG = Logger.getLogger(NorthwindConfirmationImport.class);
    static final List<String> HEADER = List.of("event_id", "release_reference", "event_type", "sku", "quantity",
            "tracking_number", "occurred_at");

    public record ImportResult(String file, boolean accepted, int applied, int duplicates, String error) {
    }

    private final NorthwindFiles files;
    private final FulfilmentEvents events;
    private final Vertx vertx;

    public NorthwindConfirmationImport(NorthwindFiles files, FulfilmentEvents events, Vertx vertx) {
        this.files = files;
        this.events = events;
        this.vertx = vertx;
    }

    @Scheduled(every = "${waybill.fulfilment.northwind-3pl.import-every:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() throws Throwable {
        // A worker thread: run the reactive work on a fresh safe Vert.x context, as Hibernate Reactive requires.
        VertxContextSupport.subscribeAndAwait(() -> importAll());
    }

    public Uni<List<ImportResult>> importAll() {
        String inbound = files.inbound().toString();
        return vertx.fileSystem().mkdirs(inbound)
                .chain(() -> vertx.fileSystem().mkdirs(files.processed().toString()))
                .chain(() -> vertx.fileSystem().mkdirs(files.error().toString()))
                .chain(() -> vertx.fileSystem().readDir(inbound, ".*\\.csv"))
                .chain(paths -> Multi.createFrom().iterable(paths.stream().sorted().toList())
                        .onItem().transformToUniAndConcatenate(this::importFile)
                        .collect().asList());
    }

    private Uni<ImportResult> importFile(String path) {
        String name = Path.of(path).getFileName().toString();
        return vertx.fileSystem().readFile(path).chain(content -> {
            List<FulfilmentEvent> rows;
            try {
                rows = parse(content.toString());
            } catch (IllegalArgumentException unreadable) {
                return reject(path, name, unreadable.getMessage(), 0, 0);
            }
            int[] counts = new int[2];
            return Multi.createFrom().iterable(rows)
                    .onItem().transformToUniAndConcatenate(row -> events.apply(row)
                            .invoke(r -> counts[r == FulfilmentEvents.Result.APPLIED ? 0 : 1]++)
                            .onFailure().transform(f -> new IllegalArgumentException(
                                    "event " + row.partnerEventId() + ": " + f.getMessage(), f)))
                    .collect().asList()
                    .chain(() -> vertx.fileSystem().move(path, files.processed().resolve(name).toString()))
                    .replaceWith(() -> new ImportResult(name, true, counts[0], counts[1], null))
                    .onFailure().recoverWithUni(f -> reject(path, name, f.getMessage(), counts[0], counts[1]));
        });
    }

    private Uni<ImportResult> reject(String path, String name, String why, int applied, int duplicates) {
        LOG.warnf("northwind-3pl file %s moved to error/: %s", name, why);
        return vertx.fileSystem().move(path, files.error().resolve(name).toString())
                .chain(() -> vertx.fileSystem().writeFile(files.error().resolve(name + ".error.txt").toString(),
                        Buffer.buffer(why + "\n")))
                .replaceWith(new ImportResult(name, false, applied, duplicates, why));
    }

    List<FulfilmentEvent> parse(String content) {
        String[] lines = content.split("\r?\n");
        if (lines.length == 0 || !Csv.parse(lines[0].strip()).equals(HEADER)) {
            throw new IllegalArgumentException("line 1: header must be " + String.join(",", HEADER));
        }
        List<FulfilmentEvent> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                rows.add(row(Csv.parse(lines[i])));
            } catch (RuntimeException bad) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + bad.getMessage(), bad);
            }
        }
        return rows;
    }

    private FulfilmentEvent row(List<String> f) {
        if (f.size() != HEADER.size()) {
            throw new IllegalArgumentException("expected " + HEADER.size() + " fields, found " + f.size());
        }
        Map<String, String> v = new java.util.HashMap<>();
        for (int i = 0; i < HEADER.size(); i++) {
            v.put(HEADER.get(i), f.get(i).strip());
        }
        if (v.get("event_id").isEmpty() || v.get("release_reference").isEmpty()) {
            throw new IllegalArgumentException("event_id and release_reference are required");
        }
        FulfilmentEvent.Kind kind;
        try {
            kind = FulfilmentEvent.Kind.valueOf(v.get("event_type"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event_type must be one of " + List.of(FulfilmentEvent.Kind.values()));
        }
        BigDecimal quantity = v.get("quantity").isEmpty() ? null : new BigDecimal(v.get("quantity"));
        if (kind == FulfilmentEvent.Kind.SHORTAGE && (v.get("sku").isEmpty() || quantity == null || quantity.signum() <= 0)) {
            throw new IllegalArgumentException("a SHORTAGE needs sku and a positive quantity");
        }
        Instant occurredAt = v.get("occurred_at").isEmpty() ? null : Instant.parse(v.get("occurred_at"));
        return new FulfilmentEvent(files.partnerId(), v.get("event_id"), v.get("release_reference"), kind,
                v.get("sku").isEmpty() ? null : v.get("sku"), quantity,
                v.get("tracking_number").isEmpty() ? null : v.get("tracking_number"), occurredAt);
    }
}
