package io.waybill.model.billing;

import io.waybill.model.Money;

import java.util.List;
import java.util.Objects;

/**
 * What Waybill charges its customer for one shipment, computed from the customer's rate agreement when the shipment
 * is booked. Its total is by construction the sum of its lines.
 */
public record Charge(String shipmentId, String customerId, List<ChargeLine> lines, Money total) {

    public Charge {
        Objects.requireNonNull(shipmentId, "shipmentId");
        Objects.requireNonNull(customerId, "customerId");
        lines = List.copyOf(lines);
        Money sum = Totals.sum(lines.stream().map(ChargeLine::amount).toList(), total.currency());
        if (!sum.sameValueAs(total)) {
            throw new IllegalArgumentException("Charge total " + total + " is not the sum of its lines " + sum);
        }
    }

    public static Charge of(String shipmentId, String customerId, String currency, List<ChargeLine> lines) {
        return new Charge(shipmentId, customerId, lines,
                Totals.sum(lines.stream().map(ChargeLine::amount).toList(), currency));
    }
}
