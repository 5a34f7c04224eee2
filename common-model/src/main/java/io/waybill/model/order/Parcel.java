package io.waybill.model.order;

import java.math.BigDecimal;

/** A parcel as carriers rate it: gross weight in kilograms and outer dimensions in centimetres. */
public record Parcel(BigDecimal weightKg, BigDecimal lengthCm, BigDecimal widthCm, BigDecimal heightCm) {
}
