package io.waybill.odoo.outbound;

import io.smallrye.mutiny.Uni;
import io.waybill.events.EventEnvelope;
import io.waybill.events.inventory.InventoryEvents;
import io.waybill.events.inventory.StockAdjusted;
import io.waybill.foundation.inbox.EventHandler;
import io.waybill.odoo.config.OdooConnectorConfig;
import io.waybill.odoo.writequeue.WriteQueue;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Inventory corrections that Odoo's stock valuation must follow: counts and reconciliation results in warehouses
 * Odoo manages (those with a configured stock location) become inventory adjustments in Odoo.
 */
@ApplicationScoped
public class InventoryStreamHandler implements EventHandler {

    /** Adjustments that state a counted truth; receipts and picks reach Odoo through its own documents. */
    static final Set<String> CORRECTIONS = Set.of("RECONCILIATION", "CYCLE_COUNT", "DAMAGE");

    private final WriteQueue queue;
    private final OdooConnectorConfig config;

    public InventoryStreamHandler(WriteQueue queue, OdooConnectorConfig config) {
        this.queue = queue;
        this.config = config;
    }

    @Override
    public String name() {
        return "odoo-connector.inventory";
    }

    @Override
    public boolean accepts(EventEnvelope event) {
        return event.is(InventoryEvents.STOCK_ADJUSTED);
    }

    @Override
    public Uni<Void> handle(EventEnvelope event) {
        StockAdjusted adjusted = event.dataAs(InventoryEvents.STOCK_ADJUSTED);
        if (!CORRECTIONS.contains(adjusted.reason()) || !config.inventory().locations().containsKey(adjusted.warehouseId())) {
            return Uni.createFrom().voidItem();
        }
        return queue.enqueue(WriteRequests.InventoryCount.OPERATION, adjusted.warehouseId() + "/" + adjusted.sku(),
                new WriteRequests.InventoryCount(adjusted.warehouseId(), adjusted.sku(), adjusted.onHand(), adjusted.reason()),
                event.id());
    }
}
