package io.waybill.inventory.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.ReconciliationDiscrepancyFound;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.inventory.adjustment.StockAdjustments;
import io.waybill.inventory.stock.Quantities;
import io.waybill.inventory.stock.StockItemEntity;
import io.waybill.inventory.stock.StockLedger;
import io.waybill.inventory.stock.StockPositionEntity;
import io.waybill.inventory.warehouse.WarehouseEntity;
import io.waybill.inventory.warehouse.Warehouses;
import io.waybill.model.inventory.MovementType;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Compares a partner's stock snapshot of one warehouse with the ledger, position by position, and settles each
 * difference by {@link ReconciliationRules}: a correction is an ADJUSTMENT movement (and a stock-adjusted event)
 * to the partner's figure; a flagged difference changes nothing and waits for an operator. Every difference is
 * stored with its run, published as {@code reconciliation-discrepancy-found} and counted in
 * {@code waybill.reconciliation.mismatches}.
 * <p>
 * The warehouse's positions are locked for the run, so reservations and adjustments of that warehouse wait for
 * it rather than racing the comparison.
 */
@ApplicationScoped
@Startup
public class Reconciliation {

    static final String MISMATCHES = "waybill.reconciliation.mismatches";

    private final Warehouses warehouses;
    private final StockLedger ledger;
    private final StockAdjustments adjustments;
    private final ReconciliationRules rules;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final Clock clock;

    public Reconciliation(Warehouses warehouses, StockLedger ledger, StockAdjustments adjustments,
                          ReconciliationRules rules, Outbox outbox, MeterRegistry registry, Clock clock) {
        this.warehouses = warehouses;
        this.ledger = ledger;
        this.adjustments = adjustments;
        this.rules = rules;
        this.outbox = outbox;
        this.registry = registry;
        this.clock = clock;
        // Both series exist from the start, so dashboards and alerts have a zero baseline before the first mismatch.
        mismatches(ReconciliationDiscrepancyFound.CORRECTED);
        mismatches(ReconciliationDiscrepancyFound.FLAGGED);
    }

    /**
     * Mismatches against partner stock, by how they were resolved; which warehouse and SKU is in the run's report
     * (a warehouse label would multiply series without telling an alert anything more).
     */
    private Counter mismatches(String resolution) {
        return registry.counter(MISMATCHES, "source", "partner-stock", "resolution", resolution);
    }

    @WithTransaction
    public Uni<ReconciliationReport> reconcile(String warehouseId, PartnerStockSnapshot snapshot, String source,
                                               Optional<String> callerPartnerId, EventContext context) {
        Map<Key, BigDecimal> counted = countedByPosition(snapshot);
        Set<String> skus = new HashSet<>();
        counted.keySet().forEach(k -> skus.add(k.sku()));
        return warehouses.requireAccessibleTo(warehouseId, callerPartnerId)
                .chain(warehouse -> ledger.lockWarehouse(warehouseId)
                        .chain(positions -> knownSkus(skus)
                                .chain(known -> compare(warehouse, positions, known, counted, snapshot, source,
                                        context))));
    }

    private static Uni<Set<String>> knownSkus(Set<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return StockItemEntity.<StockItemEntity>list("sku in ?1", skus)
                .map(items -> items.stream().map(i -> i.sku).collect(Collectors.toSet()));
    }

    private Uni<ReconciliationReport> compare(WarehouseEntity warehouse, List<StockPositionEntity> positions,
                                              Set<String> knownSkus, Map<Key, BigDecimal> counted,
                                              PartnerStockSnapshot snapshot, String source, EventContext context) {
        Map<Key, StockPositionEntity> onLedger = new LinkedHashMap<>();
        positions.forEach(p -> onLedger.put(new Key(p.sku, p.lot), p));
        Set<Key> compared = new LinkedHashSet<>(onLedger.keySet());
        compared.addAll(counted.keySet());

        ReconciliationRunEntity run = new ReconciliationRunEntity();
        run.reconciliationId = UUID.randomUUID();
        run.warehouseId = warehouse.warehouseId;
        run.source = source;
        run.snapshotTakenAt = snapshot.takenAt() == null ? null : OffsetDateTime.ofInstant(snapshot.takenAt(), ZoneOffset.UTC);
        run.reconciledAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        run.positionsCompared = compared.size();

        List<ReconciliationReport.Discrepancy> found = new ArrayList<>();
        return run.persist()
                .chain(() -> Multi.createFrom().iterable(compared)
                        .onItem().transformToUniAndConcatenate(key -> {
                            StockPositionEntity position = onLedger.get(key);
                            BigDecimal book = position == null ? BigDecimal.ZERO : position.onHand;
                            BigDecimal partner = counted.getOrDefault(key, BigDecimal.ZERO);
                            if (book.compareTo(partner) == 0) {
                                return Uni.createFrom().item(Boolean.FALSE);
                            }
                            return settle(warehouse, run, key, position, book, partner, knownSkus.contains(key.sku())
                                    || position != null, context).invoke(found::add).replaceWith(Boolean.TRUE);
                        })
                        .collect().asList())
                .map(ignored -> new ReconciliationReport(run.reconciliationId.toString(), warehouse.warehouseId,
                        source, snapshot.takenAt(), run.positionsCompared, List.copyOf(found)));
    }

    private Uni<ReconciliationReport.Discrepancy> settle(WarehouseEntity warehouse, ReconciliationRunEntity run, Key key,
                                                         StockPositionEntity position, BigDecimal book,
                                                         BigDecimal partner, boolean knownSku, EventContext context) {
        BigDecimal difference = partner.subtract(book);
        // A SKU inventory does not stock cannot be corrected into the ledger: that is a mapping problem for a person.
        String resolution = knownSku ? rules.resolve(difference) : ReconciliationDiscrepancyFound.FLAGGED;
        boolean correct = ReconciliationDiscrepancyFound.CORRECTED.equals(resolution);
        BigDecimal correction = correct ? difference : BigDecimal.ZERO;
        String reference = run.reconciliationId.toString();
        StockAdjustments.Source why = new StockAdjustments.Source("RECONCILIATION", warehouse.partnerId, reference,
                null, "partner counted " + Quantities.normalized(partner) + ", ledger had " + Quantities.normalized(book));

        Uni<?> applied = !correct ? Uni.createFrom().voidItem()
                : position != null
                        ? adjustments.apply(position, difference, MovementType.ADJUSTMENT, why, context)
                        : adjustments.adjust(warehouse.warehouseId, key.sku(), key.lot(), difference,
                                MovementType.ADJUSTMENT, why, context);

        ReconciliationDiscrepancyEntity row = new ReconciliationDiscrepancyEntity();
        row.reconciliationId = run.reconciliationId;
        row.sku = key.sku();
        row.lot = key.lot();
        row.ledger = book;
        row.partner = partner;
        row.correction = correction;
        row.resolution = resolution;

        return applied
                .chain(row::persist)
                .chain(() -> outbox.append(InventoryEvents.RECONCILIATION_DISCREPANCY_FOUND,
                        warehouse.warehouseId + "/" + key.sku(),
                        new ReconciliationDiscrepancyFound(warehouse.warehouseId, key.sku(), key.lot(),
                                Quantities.normalized(book), Quantities.normalized(partner),
                                Quantities.normalized(correction), resolution, reference),
                        context))
                .invoke(() -> mismatches(resolution).increment())
                .replaceWith(new ReconciliationReport.Discrepancy(key.sku(), key.lot(), Quantities.normalized(book),
                        Quantities.normalized(partner), Quantities.normalized(correction), resolution));
    }

    private static Map<Key, BigDecimal> countedByPosition(PartnerStockSnapshot snapshot) {
        Map<Key, BigDecimal> counted = new LinkedHashMap<>();
        List<Problem.FieldError> duplicates = new ArrayList<>();
        for (int i = 0; i < snapshot.lines().size(); i++) {
            PartnerStockSnapshot.Line line = snapshot.lines().get(i);
            if (counted.put(new Key(line.sku(), line.lot()), line.onHand()) != null) {
                duplicates.add(new Problem.FieldError("lines[" + i + "]",
                        line.sku() + (line.lot() == null ? "" : " lot " + line.lot()) + " is listed twice"));
            }
        }
        if (!duplicates.isEmpty()) {
            throw ProblemException.invalid("duplicate-snapshot-line", "A position is counted twice", duplicates);
        }
        return counted;
    }

    private record Key(String sku, String lot) {
        Key {
            Objects.requireNonNull(sku);
        }
    }
}
