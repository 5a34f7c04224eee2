package io.waybill.billing.invoicing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * A request to credit a posted invoice. Each line names what it reverses, an invoice line or a line of a debit note
 * issued against the invoice, and optionally how much of it (by default all that is still uncredited). Without
 * lines, everything still uncredited, on the invoice and on its debit notes, is reversed.
 */
public record CreditNoteRequest(@NotBlank @Size(max = 2000) String reason, List<@Valid @NotNull Line> lines) {

    /**
     * @param invoiceLineNumber   the invoice line reversed; or else
     * @param debitNoteNumber     the debit note (its number, e.g. {@code DN-2026-000004}) and
     * @param debitNoteLineNumber its line reversed
     */
    public record Line(@Min(1) Integer invoiceLineNumber, @Size(max = 40) String debitNoteNumber,
                       @Min(1) Integer debitNoteLineNumber, BigDecimal amount) {

        public Line(int invoiceLineNumber, BigDecimal amount) {
            this(invoiceLineNumber, null, null, amount);
        }

        boolean namesDebitNoteLine() {
            return debitNoteNumber != null || debitNoteLineNumber != null;
        }
    }
}
