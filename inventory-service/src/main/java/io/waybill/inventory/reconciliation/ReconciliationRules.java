package io.waybill.inventory.reconciliation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.waybill.events.inventory.ReconciliationDiscrepancyFound;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a difference between a partner's count and the ledger is settled, configurable per deployment: small
 * differences are usually counting noise best settled in the partner's favour (they hold the goods); large ones
 * mean a missed receipt or shipment and need a person.
 */
@ConfigMapping(prefix = "waybill.inventory.reconciliation")
public interface ReconciliationRules {

    @WithDefault("TRUST_PARTNER_WITHIN_TOLERANCE")
    Policy policy();

    /** The largest absolute difference (in the SKU's unit) TRUST_PARTNER_WITHIN_TOLERANCE corrects by itself. */
    @WithDefault("5")
    BigDecimal tolerance();

    /** How often snapshot files are picked up ("off" to disable). */
    @WithDefault("off")
    String schedule();

    /** Where file-exchange partners drop snapshots: {@code <dir>/<warehouseId>/*.csv}. */
    Optional<Path> snapshotDirectory();

    enum Policy {
        /** Correct the ledger to the partner's count when the difference is within the tolerance, else flag it. */
        TRUST_PARTNER_WITHIN_TOLERANCE,
        /** Always correct the ledger to the partner's count. */
        TRUST_PARTNER,
        /** Never correct; every difference waits for an operator. */
        FLAG_ONLY
    }

    /** CORRECTED or FLAGGED for a difference of {@code partner - ledger}. */
    default String resolve(BigDecimal difference) {
        return switch (policy()) {
            case TRUST_PARTNER -> ReconciliationDiscrepancyFound.CORRECTED;
            case FLAG_ONLY -> ReconciliationDiscrepancyFound.FLAGGED;
            case TRUST_PARTNER_WITHIN_TOLERANCE -> difference.abs().compareTo(tolerance()) <= 0
                    ? ReconciliationDiscrepancyFound.CORRECTED : ReconciliationDiscrepancyFound.FLAGGED;
        };
    }
}
