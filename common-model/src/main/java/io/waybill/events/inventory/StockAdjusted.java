package io.waybill.events.inventory;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * On hand of a position changed for a physical reason (receipt, return, count, damage, reconciliation).
 * {@code delta} is signed, {@code onHand} the figure after it. {@code reason} is the kind of adjustment
 * (RECEIPT, RETURN, CYCLE_COUNT, DAMAGE, RECONCILIATION); partner fields are set when a partner reported it.
 */
public record StockAdjusted(String warehouseId, String sku, String lot, BigDecimal delta, BigDecimal onHand,
                            String reason, String partnerId, String partnerEventId, Instant occurredAt) {
}
