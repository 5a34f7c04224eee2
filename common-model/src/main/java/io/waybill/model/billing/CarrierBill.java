package io.waybill.model.billing;

import io.waybill.model.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** A carrier's invoice to Waybill, as received; its total is by construction the sum of its lines. */
public record CarrierBill(String carrierId, String carrierInvoiceNumber, LocalDate invoiceDate,
                          List<CarrierBillLine> lines, Money total) {

    public CarrierBill {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(carrierInvoiceNumber, "carrierInvoiceNumber");
        lines = List.copyOf(lines);
        Money sum = Totals.sum(lines.stream().map(CarrierBillLine::amount).toList(), total.currency());
        if (!sum.sameValueAs(total)) {
            throw new IllegalArgumentException("Carrier bill total " + total + " is not the sum of its lines " + sum);
        }
    }
}
