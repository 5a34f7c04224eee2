package io.waybill.model.inventory;

import java.util.Objects;

/**
 * A place stock is held and shipped from. Most Waybill warehouses are run by a 3PL: {@code partnerId} is the
 * partner client (its token's {@code partner_id}) that operates it and alone may adjust or reconcile its stock.
 */
public record Warehouse(String warehouseId, String name, String partnerId, String countryCode) {

    public Warehouse {
        Objects.requireNonNull(warehouseId, "warehouseId");
    }
}
