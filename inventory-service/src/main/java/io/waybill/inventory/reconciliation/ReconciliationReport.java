package io.waybill.inventory.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The result of one reconciliation run: how many positions were compared and each difference found. */
public record ReconciliationReport(String reconciliationId, String warehouseId, String source, Instant takenAt,
                                   int positionsCompared, List<Discrepancy> discrepancies) {

    /** {@code correction} is what was applied to on hand (0 when only flagged). */
    public record Discrepancy(String sku, String lot, BigDecimal ledger, BigDecimal partner, BigDecimal correction,
                              String resolution) {
    }
}
