package io.waybill.inventory.warehouse;

import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Which warehouses exist and who may touch them. A partner caller only ever sees its own warehouses: anyone
 * else's answers 404 exactly like a warehouse that does not exist, so partners cannot probe each other's sites.
 */
@ApplicationScoped
public class Warehouses {

    public Uni<WarehouseEntity> require(String warehouseId) {
        return WarehouseEntity.<WarehouseEntity>findById(warehouseId)
                .onItem().ifNull().failWith(() -> notFound(warehouseId));
    }

    /**
     * The warehouse, if the caller may act on it: any warehouse for an internal client (no partner_id), only the
     * partner's own for a partner client.
     */
    public Uni<WarehouseEntity> requireAccessibleTo(String warehouseId, Optional<String> callerPartnerId) {
        return require(warehouseId).invoke(warehouse -> {
            if (callerPartnerId.isPresent() && !warehouse.operatedBy(callerPartnerId.get())) {
                throw notFound(warehouseId);
            }
        });
    }

    private static ProblemException notFound(String warehouseId) {
        return ProblemException.notFound("warehouse", "No warehouse " + warehouseId + " is known to you");
    }
}
