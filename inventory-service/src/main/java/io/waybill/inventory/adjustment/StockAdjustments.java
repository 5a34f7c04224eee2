package io.waybill.inventory.adjustment;

import io.smallrye.mutiny.Uni;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.StockAdjusted;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.outbox.Outbox;
import io.waybill.inventory.stock.Quantities;
import io.waybill.inventory.stock.StockLedger;
import io.waybill.inventory.stock.StockLedger.Movement;
import io.waybill.inventory.stock.StockPositionEntity;
import io.waybill.model.inventory.MovementType;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Physical changes of on hand (receipts, returns, counts, damages, reconciliation corrections): one ledger
 * movement and one {@code stock-adjusted} event each, in the caller's transaction.
 */
@ApplicationScoped
public class StockAdjustments {

    private final StockLedger ledger;
    private final Outbox outbox;

    public StockAdjustments(StockLedger ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /** Who reported a change and under which of their ids; all optional except the reason. */
    public record Source(String reason, String partnerId, String reference, Instant occurredAt, String note) {
    }

    /** Changes on hand of a position by a signed delta (creating the position for stock that arrives). */
    public Uni<StockPositionEntity> adjust(String warehouseId, String sku, String lot, BigDecimal delta,
                                           MovementType type, Source source, EventContext context) {
        return ledger.lockOrCreate(warehouseId, sku, lot).chain(position -> apply(position, delta, type, source, context));
    }

    /** Changes on hand of an already locked position; a zero delta is recorded (the count happened) but not published. */
    public Uni<StockPositionEntity> apply(StockPositionEntity position, BigDecimal delta, MovementType type,
                                          Source source, EventContext context) {
        String reason = source.note() == null ? source.reason() : source.reason() + ": " + source.note();
        return ledger.record(position, Movement.onHand(type, delta, source.reference(), reason, source.partnerId()))
                .chain(() -> delta.signum() == 0
                        ? Uni.createFrom().voidItem()
                        : outbox.append(InventoryEvents.STOCK_ADJUSTED, position.warehouseId + "/" + position.sku,
                                new StockAdjusted(position.warehouseId, position.sku, position.lot,
                                        Quantities.normalized(delta), Quantities.normalized(position.onHand),
                                        source.reason(), source.partnerId(), source.reference(), source.occurredAt()),
                                context).replaceWithVoid())
                .replaceWith(position);
    }
}
