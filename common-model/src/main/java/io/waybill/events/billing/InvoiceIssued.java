package io.waybill.events.billing;

import io.waybill.model.Money;
import io.waybill.model.billing.InvoiceLine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Data of {@code waybill.billing.invoice-issued.v1}. {@code total} equals the sum of {@code lines}; {@code orderId}
 * is set for every invoice (a per-shipment invoice still belongs to one order).
 */
public record InvoiceIssued(String invoiceId, String number, String customerId, String orderId,
                            List<String> shipmentIds, Instant issuedAt, LocalDate dueDate, List<InvoiceLine> lines,
                            Money total) {
}
