package io.waybill.inventory.adjustment;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A stock event a warehouse partner reports. {@code eventId} is the partner's own id for it: sending the same event
 * again (a retry after a timeout) is answered with the first answer and changes nothing.
 * <ul>
 *     <li>RECEIPT: {@code quantity} arrived.</li>
 *     <li>CYCLE_COUNT: {@code quantity} is what the count found on hand; the ledger takes the difference.</li>
 *     <li>DAMAGE: {@code quantity} was written off.</li>
 *     <li>PICK_SHORTAGE: {@code quantity} of {@code orderId}'s line was not on the shelf.</li>
 * </ul>
 */
public record PartnerStockEvent(
        @NotBlank @Size(max = 200) String eventId,
        @NotNull StockEventType type,
        @NotBlank @Size(max = 64) String warehouseId,
        @NotBlank @Size(max = 64) String sku,
        @Size(max = 64) String lot,
        @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 3) BigDecimal quantity,
        @Size(max = 100) String orderId,
        Instant occurredAt,
        @Size(max = 500) String note) {

    public enum StockEventType {
        RECEIPT,
        CYCLE_COUNT,
        DAMAGE,
        PICK_SHORTAGE
    }
}
