package io.waybill.model.billing;

import io.waybill.model.Money;

import java.util.Objects;

/** One line of a customer invoice, numbered from 1 so that credit notes can name the line they reverse. */
public record InvoiceLine(int lineNumber, String shipmentId, ChargeCode code, String description, Money amount) {

    public InvoiceLine {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("Invoice lines are numbered from 1");
        }
        Objects.requireNonNull(shipmentId, "shipmentId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(amount, "amount");
    }
}
