package io.waybill.inventory.adjustment;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.events.EventContext;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.inventory.stock.StockLedger;
import io.waybill.inventory.warehouse.Warehouses;
import io.waybill.model.UnitOfMeasure;
import io.waybill.model.inventory.MovementType;
import io.waybill.model.inventory.StockPosition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Receipts booked through the inventory API (operators, the local stack's demo stock). */
@ApplicationScoped
public class Receipts {

    private final Warehouses warehouses;
    private final StockLedger ledger;
    private final StockAdjustments adjustments;

    public Receipts(Warehouses warehouses, StockLedger ledger, StockAdjustments adjustments) {
        this.warehouses = warehouses;
        this.ledger = ledger;
        this.adjustments = adjustments;
    }

    @WithTransaction
    public Uni<StockPosition> receive(Receipt receipt, Optional<String> callerPartnerId, EventContext context) {
        UnitOfMeasure unit = receipt.unit() == null ? UnitOfMeasure.EACH : receipt.unit();
        return warehouses.requireAccessibleTo(receipt.warehouseId(), callerPartnerId)
                .chain(() -> ledger.itemOrRegister(receipt.sku(), unit))
                .invoke(item -> {
                    if (item.unit != unit) {
                        throw ProblemException.invalidField("unit-mismatch", "unit",
                                receipt.sku() + " is stocked in " + item.unit + ", not " + unit);
                    }
                })
                .chain(item -> adjustments.adjust(receipt.warehouseId(), receipt.sku(), receipt.lot(),
                                receipt.quantity(), MovementType.RECEIPT,
                                new StockAdjustments.Source("RECEIPT", callerPartnerId.orElse(null),
                                        receipt.reference(), null, null),
                                context)
                        .map(position -> position.toModel(item.unit)));
    }
}
