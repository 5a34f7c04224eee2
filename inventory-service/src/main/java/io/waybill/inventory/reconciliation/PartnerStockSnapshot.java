package io.waybill.inventory.reconciliation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A partner's count of everything it holds in one warehouse. It is taken as complete: a position the ledger has
 * and the snapshot does not list counts as zero at the partner.
 */
public record PartnerStockSnapshot(
        @Size(max = 200) String snapshotId,
        Instant takenAt,
        @NotNull @Size(max = 20000) List<@Valid @NotNull Line> lines) {

    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @Size(max = 64) String lot,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 3) BigDecimal onHand) {
    }
}
