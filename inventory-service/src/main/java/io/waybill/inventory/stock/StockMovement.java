package io.waybill.inventory.stock;

import io.waybill.model.inventory.MovementType;

import java.math.BigDecimal;
import java.time.Instant;

/** One ledger line as the API shows it. */
public record StockMovement(long id, String warehouseId, String sku, String lot, MovementType type,
                            BigDecimal onHandDelta, BigDecimal reservedDelta, String reference, String reason,
                            String partnerId, Instant recordedAt) {
}
