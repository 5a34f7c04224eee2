package io.waybill.billing.carrierbill;

import io.waybill.model.billing.ChargeCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A carrier's invoice as a carrier (or finance on its behalf) submits it. Amounts are JSON numbers. */
public record CarrierBillRequest(
        @NotBlank @Size(max = 100) String carrierId,
        @NotBlank @Size(max = 100) String carrierInvoiceNumber,
        @NotNull LocalDate invoiceDate,
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotEmpty @Size(max = 5000) List<@Valid @NotNull Line> lines) {

    public record Line(
            @NotBlank @Size(max = 100) String trackingNumber,
            @NotNull ChargeCode code,
            @Size(max = 300) String description,
            @NotNull BigDecimal amount) {
    }
}
