package io.waybill.model.billing;

import io.waybill.model.Money;

import java.util.List;

/**
 * Sums of final amounts. Lines are rounded to the currency's minor unit when they become final; a total is the exact
 * sum of those rounded lines and is never rounded again, so a document's total always equals the sum of its lines.
 */
public final class Totals {

    private Totals() {
    }

    public static Money sum(List<Money> amounts, String currency) {
        Money total = Money.zero(currency);
        for (Money amount : amounts) {
            total = total.plus(amount);
        }
        return total;
    }
}
