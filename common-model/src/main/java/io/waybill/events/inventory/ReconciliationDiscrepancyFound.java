package io.waybill.events.inventory;

import java.math.BigDecimal;

/**
 * A partner's stock snapshot disagrees with the ledger for one position. {@code correction} is what was applied
 * to on hand (0 when the difference was only flagged for an operator); {@code resolution} is CORRECTED or FLAGGED.
 */
public record ReconciliationDiscrepancyFound(String warehouseId, String sku, String lot, BigDecimal ledger,
                                             BigDecimal partner, BigDecimal correction, String resolution,
                                             String reconciliationId) {

    public static final String CORRECTED = "CORRECTED";
    public static final String FLAGGED = "FLAGGED";
}
