package io.waybill.billing.invoicing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * A request to credit a posted invoice. Each line names the invoice line it reverses and, optionally, how much of
 * it (by default all that is still uncredited). Without lines, everything still uncredited is reversed.
 */
public record CreditNoteRequest(@NotBlank @Size(max = 2000) String reason, List<@Valid @NotNull Line> lines) {

    public record Line(@Min(1) int invoiceLineNumber, BigDecimal amount) {
    }
}
