package io.waybill.model.billing;

import io.waybill.model.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A posted customer invoice. Once issued it never changes (only its payment state does); adjustments are
 * {@link AdjustmentNote}s. Its total is by construction the sum of its lines.
 */
public record Invoice(String invoiceId, String number, String customerId, String orderId, List<String> shipmentIds,
                      Instant issuedAt, LocalDate dueDate, List<InvoiceLine> lines, Money total) {

    public Invoice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        shipmentIds = List.copyOf(shipmentIds);
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("An invoice has at least one line");
        }
        Money sum = Totals.sum(lines.stream().map(InvoiceLine::amount).toList(), total.currency());
        if (!sum.sameValueAs(total)) {
            throw new IllegalArgumentException("Invoice total " + total + " is not the sum of its lines " + sum);
        }
    }
}
