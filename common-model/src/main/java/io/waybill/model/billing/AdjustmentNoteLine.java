package io.waybill.model.billing;

import io.waybill.model.Money;

import java.util.Objects;

/**
 * One line of a credit or debit note. Amounts are positive: the note's kind says in which direction they move the
 * customer's balance. {@code invoiceLineNumber} names the invoice line a credit reverses (null for a new charge on a
 * debit note).
 */
public record AdjustmentNoteLine(int lineNumber, Integer invoiceLineNumber, String shipmentId, ChargeCode code,
                                 String description, Money amount) {

    public AdjustmentNoteLine {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("A note line moves a positive amount: " + amount);
        }
    }
}
