package io.waybill.odoo.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.waybill.events.EventJson;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.config.OdooConnectorConfig;
import io.waybill.odoo.writequeue.OdooWriteOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Applies a counted quantity to Odoo's stock through its inventory adjustment: set {@code inventory_quantity} on
 * the quant (in inventory mode) and {@code action_apply_inventory}, which returns nothing. Setting an absolute
 * count is idempotent: applying the same count twice moves nothing the second time.
 */
@ApplicationScoped
public class InventoryAdjustmentOperation implements OdooWriteOperation {

    static final Map<String, Object> INVENTORY_MODE = Map.of("inventory_mode", true);

    private final OdooClient odoo;
    private final OdooLookups lookups;
    private final OdooConnectorConfig config;

    public InventoryAdjustmentOperation(OdooClient odoo, OdooLookups lookups, OdooConnectorConfig config) {
        this.odoo = odoo;
        this.lookups = lookups;
        this.config = config;
    }

    @Override
    public String name() {
        return WriteRequests.InventoryCount.OPERATION;
    }

    @Override
    public Uni<Void> apply(JsonNode payload) {
        WriteRequests.InventoryCount request = EventJson.convert(payload, WriteRequests.InventoryCount.class);
        Long locationId = config.inventory().locations().get(request.warehouseId());
        if (locationId == null) {
            return Uni.createFrom().failure(new IllegalStateException("No Odoo stock location configured for warehouse "
                    + request.warehouseId() + " (waybill.odoo.inventory.locations." + request.warehouseId() + ")"));
        }
        return lookups.productOf(request.sku()).chain(productId -> odoo.searchRead("stock.quant",
                        List.of(List.of("product_id", "=", productId), List.of("location_id", "=", locationId)),
                        List.of("quantity"), 1, "id asc")
                .chain(quants -> quants.isEmpty()
                        ? odoo.create("stock.quant", Map.of("product_id", productId, "location_id", locationId,
                        "inventory_quantity", request.countedQuantity()), INVENTORY_MODE)
                        : odoo.write("stock.quant", List.of(quants.get(0).id()),
                        Map.of("inventory_quantity", request.countedQuantity()), INVENTORY_MODE)
                        .replaceWith(quants.get(0).id()))
                .chain(quantId -> odoo.callAction("stock.quant", "action_apply_inventory", List.of(quantId), INVENTORY_MODE))
                .invoke(outcome -> outcome.requireDone("Applying the count of " + request.sku()))
                .replaceWithVoid());
    }
}
