package io.waybill.inventory.availability;

import io.waybill.model.UnitOfMeasure;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a channel may still sell of one SKU: in total over the asked warehouses and per warehouse. {@code available}
 * never goes below zero, even where a count found less than is already promised.
 */
public record SkuAvailability(String sku, UnitOfMeasure unit, BigDecimal available, List<InWarehouse> warehouses) {

    public record InWarehouse(String warehouseId, BigDecimal onHand, BigDecimal reserved, BigDecimal available) {
    }
}
