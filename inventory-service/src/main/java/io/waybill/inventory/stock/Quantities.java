package io.waybill.inventory.stock;

import java.math.BigDecimal;

/** Stock figures as they leave the service: PostgreSQL's NUMERIC(18,3) "10.000" becomes "10", never "1E+1". */
public final class Quantities {

    private Quantities() {
    }

    public static BigDecimal normalized(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
