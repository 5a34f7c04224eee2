package io.waybill.model.order;

import java.math.BigDecimal;

/**
 * A parcel as carriers rate it: gross weight in kilograms and outer dimensions in centimetres. The weight is what
 * every carrier rates on, so it must be positive; a dimension may be unknown (null, or zero where the product master
 * has none) but never negative.
 */
public record Parcel(BigDecimal weightKg, BigDecimal lengthCm, BigDecimal widthCm, BigDecimal heightCm) {

    public Parcel {
        if (weightKg == null || weightKg.signum() <= 0) {
            throw new IllegalArgumentException("A parcel's weightKg must be positive: " + weightKg);
        }
        notNegative(lengthCm, "lengthCm");
        notNegative(widthCm, "widthCm");
        notNegative(heightCm, "heightCm");
    }

    private static void notNegative(BigDecimal dimension, String field) {
        if (dimension != null && dimension.signum() < 0) {
            throw new IllegalArgumentException("A parcel's " + field + " must not be negative: " + dimension);
        }
    }
}
