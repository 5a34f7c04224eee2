package io.waybill.billing.rating;

import io.waybill.model.billing.BillingTerms;
import io.waybill.model.billing.ChargeCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A customer's rate agreement: the data its freight charges are computed from. Stored and replaced as one document,
 * because it is negotiated and changed as a whole.
 *
 * @param zones        destination country (ISO 3166 alpha-2) to rate zone; countries not listed are in {@code defaultZone}
 * @param baseRates    base freight by service level, zone and weight band (a band covers weights up to its {@code upToKg})
 * @param accessorials agreed customer prices of accessorials; an accepted carrier accessorial without one is passed
 *                     on at the carrier's cost
 */
public record RateTerms(
        @NotBlank String currency,
        @NotNull BillingTerms billingTerms,
        @Min(0) @Max(365) int paymentTermDays,
        @NotNull @DecimalMin("0") BigDecimal fuelSurchargePercent,
        @NotNull Map<String, String> zones,
        @NotBlank String defaultZone,
        @NotEmpty List<@Valid @NotNull BaseRate> baseRates,
        Map<ChargeCode, BigDecimal> accessorials) {

    public RateTerms {
        zones = Map.copyOf(zones == null ? Map.of() : zones);
        baseRates = baseRates == null ? List.of() : List.copyOf(baseRates);
        accessorials = accessorials == null ? Map.of() : Map.copyOf(accessorials);
    }

    /** One cell of the rate table. */
    public record BaseRate(@NotBlank String serviceLevel, @NotBlank String zone,
                           @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal upToKg,
                           @NotNull @DecimalMin("0") BigDecimal price) {
    }
}
