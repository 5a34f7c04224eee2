package io.waybill.inventory.adjustment;

import io.waybill.model.UnitOfMeasure;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * Goods booked into a warehouse by an operator or the local stack's demo seeding. A SKU received for the first
 * time is registered with {@code unit} (EACH when absent); later receipts must use the same unit.
 */
public record Receipt(
        @NotBlank @Size(max = 64) String warehouseId,
        @NotBlank @Size(max = 64) String sku,
        @Size(max = 64) String lot,
        @NotNull @Positive @Digits(integer = 15, fraction = 3) BigDecimal quantity,
        UnitOfMeasure unit,
        @Size(max = 200) String reference) {
}
