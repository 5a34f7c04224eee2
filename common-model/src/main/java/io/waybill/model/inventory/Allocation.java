package io.waybill.model.inventory;

import io.waybill.model.Quantity;

import java.util.Objects;

/**
 * The part of one order line reserved in one warehouse (and lot). A line split across warehouses has several.
 */
public record Allocation(String lineId, String warehouseId, String sku, String lot, Quantity quantity) {

    public Allocation {
        Objects.requireNonNull(lineId, "lineId");
        Objects.requireNonNull(warehouseId, "warehouseId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
    }
}
