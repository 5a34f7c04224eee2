package io.waybill.model.inventory;

import io.waybill.model.UnitOfMeasure;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a warehouse holds of one SKU (and lot, when the SKU is lot-tracked): {@code onHand} is physically there,
 * {@code reserved} is promised to orders not yet shipped, {@code available} = onHand - reserved is what may still
 * be promised. Every figure is the sum of the position's stock movements.
 */
public record StockPosition(String warehouseId, String sku, String lot, UnitOfMeasure unit,
                            BigDecimal onHand, BigDecimal reserved, BigDecimal available) {

    public StockPosition {
        Objects.requireNonNull(warehouseId, "warehouseId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(onHand, "onHand");
        Objects.requireNonNull(reserved, "reserved");
        Objects.requireNonNull(available, "available");
    }

    public static StockPosition of(String warehouseId, String sku, String lot, UnitOfMeasure unit,
                                   BigDecimal onHand, BigDecimal reserved) {
        return new StockPosition(warehouseId, sku, lot, unit, onHand, reserved, onHand.subtract(reserved));
    }
}
