package io.waybill.portal.invoices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waybill.model.Money;
import io.waybill.portal.wording.CustomerStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An invoice or credit note issued to you, with its payment state")
public record InvoiceView(
        @Schema(examples = "INV-2026-001234") String number,
        @Schema(description = "INVOICE, CREDIT_NOTE or DEBIT_NOTE", examples = "INVOICE") String kind,
        @Schema(description = "The order it bills, if it bills one order", examples = "WB-7Q4K2M9XAB") String orderNumber,
        @Schema(description = "For a credit or debit note: the invoice it adjusts", examples = "INV-2026-001200")
        String correctsInvoiceNumber,
        Instant issuedAt,
        @Schema(examples = "2026-12-23") String dueDate,
        Money total,
        @Schema(description = "What is still to pay, as last reported by accounting") Money amountDue,
        CustomerStatus paymentState,
        @Schema(description = "Time of the last update Waybill received for this document") Instant asOf) {
}
