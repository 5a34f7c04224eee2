package io.waybill.order.reference;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * Body of {@code PUT /products/{sku}}: weight and dimensions of one packed unit. {@code productClass} defaults to
 * GENERAL.
 */
public record ProductRecord(
        @NotBlank @Size(max = 300) String name,
        @Size(max = 50) String productClass,
        @NotNull @Positive BigDecimal weightKg,
        @NotNull @Positive BigDecimal lengthCm,
        @NotNull @Positive BigDecimal widthCm,
        @NotNull @Positive BigDecimal heightCm,
        Boolean active) {

    public static final String GENERAL = "GENERAL";

    public String productClassOrDefault() {
        return productClass == null || productClass.isBlank() ? GENERAL : productClass.trim().toUpperCase();
    }

    public boolean isActive() {
        return active == null || active;
    }
}
