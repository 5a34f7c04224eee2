package io.waybill.model.shipment;

import io.waybill.model.Quantity;

import java.util.Objects;

/** One item coming back in a return: which SKU and how much of it. */
public record ReturnLine(String sku, Quantity quantity) {

    public ReturnLine {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku is required");
        }
        Objects.requireNonNull(quantity, "quantity");
    }
}
