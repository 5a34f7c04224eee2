package io.waybill.inventory.reconciliation;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Scheduled reconciliation for file-exchange partners: each {@code <snapshot-directory>/<warehouseId>/*.csv}
 * (header {@code sku,lot,on_hand}, one position per line, empty lot for lot-less stock) is reconciled like an API
 * snapshot, then moved to {@code processed/}, or to {@code failed/} with the reason logged when it cannot be read
 * or applied, so a bad file is never retried forever and never silently lost.
 */
@ApplicationScoped
public class SnapshotFiles {

    private static final Logger LOG = Logger.getLogger(SnapshotFiles.class);
    private static final String HEADER = "sku,lot,on_hand";

    private final Reconciliation reconciliation;
    private final ReconciliationRules rules;

    public SnapshotFiles(Reconciliation reconciliation, ReconciliationRules rules) {
        this.reconciliation = reconciliation;
        this.rules = rules;
    }

    /** Runs on a worker thread: file IO and waiting for the reconciliation must not block an event loop. */
    @Scheduled(every = "${waybill.inventory.reconciliation.schedule}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        rules.snapshotDirectory().filter(Files::isDirectory).ifPresent(this::pickUp);
    }

    /** Reconciles every waiting snapshot file under {@code root}, oldest name first per warehouse. */
    public List<ReconciliationReport> pickUp(Path root) {
        List<ReconciliationReport> reports = new ArrayList<>();
        for (Path warehouseDir : list(root, Files::isDirectory)) {
            String warehouseId = warehouseDir.getFileName().toString();
            for (Path file : list(warehouseDir, p -> Files.isRegularFile(p) && p.toString().endsWith(".csv"))) {
                try {
                    PartnerStockSnapshot snapshot = read(file);
                    reports.add(VertxContextSupport.subscribeAndAwait(() -> reconciliation.reconcile(warehouseId,
                            snapshot, "file:" + file.getFileName(), Optional.empty(), EventContext.start(null, null))));
                    moveTo(file, "processed");
                } catch (Throwable failure) {
                    LOG.errorf("Snapshot %s for %s not reconciled, moved to failed/: %s", file.getFileName(),
                            warehouseId, failure instanceof ProblemException p ? p.toProblem() : failure.getMessage());
                    moveTo(file, "failed");
                }
            }
        }
        return reports;
    }

    static PartnerStockSnapshot read(Path file) throws IOException {
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (rows.isEmpty() || !rows.get(0).trim().equalsIgnoreCase(HEADER)) {
            throw new IllegalArgumentException("first line must be " + HEADER);
        }
        List<PartnerStockSnapshot.Line> lines = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            String row = rows.get(i).trim();
            if (row.isEmpty()) {
                continue;
            }
            String[] cells = row.split(",", -1);
            if (cells.length != 3 || cells[0].isBlank()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not sku,lot,on_hand: " + row);
            }
            BigDecimal onHand;
            try {
                onHand = new BigDecimal(cells[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": on_hand is not a number: " + cells[2]);
            }
            if (onHand.signum() < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": on_hand is negative");
            }
            lines.add(new PartnerStockSnapshot.Line(cells[0].trim(), cells[1].isBlank() ? null : cells[1].trim(), onHand));
        }
        return new PartnerStockSnapshot(file.getFileName().toString(), null, lines);
    }

    private static List<Path> list(Path dir, Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter)
                    .filter(p -> !p.getFileName().toString().equals("processed") && !p.getFileName().toString().equals("failed"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveTo(Path file, String folder) {
        try {
            Path target = file.resolveSibling(folder);
            Files.createDirectories(target);
            Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
