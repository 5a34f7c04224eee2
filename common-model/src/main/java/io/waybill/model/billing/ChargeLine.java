package io.waybill.model.billing;

import io.waybill.model.Money;

import java.util.Objects;

/** One line of a customer's freight charge: what it is for and its final (rounded) amount. */
public record ChargeLine(ChargeCode code, String description, Money amount) {

    public ChargeLine {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(amount, "amount");
        description = description == null || description.isBlank() ? code.name() : description;
    }
}
