package io.waybill.model.billing;

import io.waybill.model.Money;

import java.util.Objects;

/** One line of a carrier's invoice to Waybill: a charge for one shipment, named by its tracking number. */
public record CarrierBillLine(int lineNumber, String trackingNumber, ChargeCode code, String description,
                              Money amount) {

    public CarrierBillLine {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(amount, "amount");
    }
}
