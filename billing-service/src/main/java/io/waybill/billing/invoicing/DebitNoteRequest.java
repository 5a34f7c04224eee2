package io.waybill.billing.invoicing;

import io.waybill.model.billing.ChargeCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * A charge finance adds to a posted invoice by hand (a late accessorial agreed with the customer, a correction of an
 * undercharge). The reason and the line descriptions go onto the customer's document, so they are customer wording.
 *
 * @param lines each with the shipment it concerns (one of the invoice's, or none for the whole invoice)
 */
public record DebitNoteRequest(@NotBlank @Size(max = 2000) String reason,
                               @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines) {

    public record Line(@Size(max = 100) String shipmentId, @NotNull ChargeCode code,
                       @NotBlank @Size(max = 300) String description, @NotNull BigDecimal amount) {
    }
}
