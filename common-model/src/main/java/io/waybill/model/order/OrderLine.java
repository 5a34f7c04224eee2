package io.waybill.model.order;

import io.waybill.model.Quantity;

import java.util.Objects;

/** One line of an order: so much of one SKU. {@code lineId} is stable for the order's life (allocations refer to it). */
public record OrderLine(String lineId, String sku, Quantity quantity) {

    public OrderLine {
        Objects.requireNonNull(lineId, "lineId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
    }
}
