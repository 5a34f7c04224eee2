package io.waybill.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A non-negative quantity with its unit of measure. Counted goods use {@link UnitOfMeasure#EACH} with whole
 * numbers; weights and volumes may be fractional.
 */
public record Quantity(@JsonProperty("value") BigDecimal value, @JsonProperty("unit") UnitOfMeasure unit) {

    @JsonCreator
    public Quantity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("Quantity must not be negative: " + value.toPlainString());
        }
        if (unit.countable() && value.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("A quantity in " + unit + " must be a whole number: " + value.toPlainString());
        }
    }

    public static Quantity each(long units) {
        return new Quantity(BigDecimal.valueOf(units), UnitOfMeasure.EACH);
    }

    public static Quantity of(String value, UnitOfMeasure unit) {
        return new Quantity(new BigDecimal(value), unit);
    }

    public Quantity plus(Quantity other) {
        requireSameUnit(other);
        return new Quantity(value.add(other.value), unit);
    }

    public Quantity minus(Quantity other) {
        requireSameUnit(other);
        return new Quantity(value.subtract(other.value), unit);
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    private void requireSameUnit(Quantity other) {
        if (unit != other.unit) {
            throw new IllegalArgumentException("Cannot combine " + unit + " with " + other.unit);
        }
    }
}
