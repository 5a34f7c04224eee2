package io.waybill.inventory.adjustment;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.events.shipment.ReturnReceived;
import io.waybill.foundation.events.EventContext;
import io.waybill.inventory.reservation.ReservationAllocationEntity;
import io.waybill.inventory.reservation.Reservations;
import io.waybill.inventory.stock.StockLedger;
import io.waybill.model.inventory.MovementType;
import io.waybill.model.shipment.ReturnLine;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Returned goods go back on hand: into the warehouse the return was received at when shipment-service says so,
 * otherwise into the warehouse and lot the order's goods were shipped from. A return inventory cannot place
 * (unknown SKU, no known origin) fails, and after the inbox's retries lands in the dead-letter store for an operator.
 */
@ApplicationScoped
public class Returns {

    private final StockAdjustments adjustments;
    private final StockLedger ledger;
    private final Reservations reservations;

    public Returns(StockAdjustments adjustments, StockLedger ledger, Reservations reservations) {
        this.adjustments = adjustments;
        this.ledger = ledger;
        this.reservations = reservations;
    }

    public Uni<Void> putBackOnHand(ReturnReceived received, EventContext context) {
        return reservations.shippedAllocations(received.orderId()).chain(shipped -> Multi.createFrom()
                .iterable(received.lines())
                .onItem().transformToUniAndConcatenate(line -> putBack(received, line, shipped, context))
                .collect().last().replaceWithVoid());
    }

    private Uni<Boolean> putBack(ReturnReceived received, ReturnLine line,
                                 List<ReservationAllocationEntity> shipped, EventContext context) {
        Optional<ReservationAllocationEntity> origin = shipped.stream()
                .filter(a -> a.sku.equals(line.sku()))
                .filter(a -> received.warehouseId() == null || received.warehouseId().equals(a.warehouseId))
                .findFirst();
        String warehouseId = received.warehouseId() != null ? received.warehouseId()
                : origin.map(a -> a.warehouseId).orElseThrow(() -> new IllegalStateException(
                        "Return " + received.returnId() + " of order " + received.orderId() + ": no warehouse is known for "
                                + line.sku() + " (not shipped by this order and the return names none)"));
        String lot = origin.map(a -> a.lot).orElse(null);
        return ledger.requireItem(line.sku(), "sku")
                .chain(() -> adjustments.adjust(warehouseId, line.sku(), lot, line.quantity().value(),
                        MovementType.RETURN,
                        new StockAdjustments.Source("RETURN", null, received.returnId(), received.receivedAt(), null),
                        context))
                .replaceWith(Boolean.TRUE);
    }
}
