package io.waybill.inventory.adjustment;

import java.math.BigDecimal;

/**
 * The answer to a partner stock event: what changed and the position's figures after it. The same event id sent
 * again gets exactly this answer again.
 */
public record StockEventOutcome(
        String partnerId,
        String eventId,
        PartnerStockEvent.StockEventType type,
        String warehouseId,
        String sku,
        String lot,
        BigDecimal delta,
        BigDecimal onHand,
        BigDecimal reserved,
        BigDecimal available,
        String orderId,
        String reservationId) {
}
