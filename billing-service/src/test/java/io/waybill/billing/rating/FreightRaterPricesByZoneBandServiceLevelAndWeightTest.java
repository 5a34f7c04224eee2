package io.waybill.billing.rating;

import io.waybill.model.Money;
import io.waybill.model.billing.BillingTerms;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.ChargeLine;
import io.waybill.model.order.Parcel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rate table read as a freight biller reads it: zone of the destination, first band that holds the weight. */
class FreightRaterPricesByZoneBandServiceLevelAndWeightTest {

    /** DE in Z1, AT in Z2, anything else in the default zone Z3; 8.5 % fuel. */
    private static final RateTerms TERMS = new RateTerms("EUR", BillingTerms.PER_SHIPMENT, 30, new BigDecimal("8.5"),
            Map.of("DE", "Z1", "AT", "Z2"), "Z3", List.of(
            rate("STANDARD", "Z1", "2", "5.90"),
            rate("STANDARD", "Z1", "5", "7.40"),
            rate("STANDARD", "Z2", "5", "10.73"),
            rate("STANDARD", "Z3", "5", "17.02"),
            rate("EXPRESS", "Z1", "5", "11.84")),
            Map.of(ChargeCode.RESIDENTIAL, new BigDecimal("3.50")));

    @ParameterizedTest(name = "{0} to {1}, {2} kg: {3} + fuel {4}")
    @CsvSource({
            // service,  country, weight, freight, fuel      why
            "STANDARD,   DE,      0.001,  5.90,    0.50",  // lightest band; 5.90 x 8.5 % = 0.5015
            "STANDARD,   DE,      2.000,  5.90,    0.50",  // a band's upper edge is inside the band
            "STANDARD,   DE,      2.001,  7.40,    0.63",  // just over it: the next band; 0.629
            "STANDARD,   DE,      5.000,  7.40,    0.63",  // the last band's edge
            "STANDARD,   AT,      3.000,  10.73,   0.91",  // mapped zone Z2; 0.91205
            "STANDARD,   US,      3.000,  17.02,   1.45",  // unmapped country: the default zone; 1.4467
            "EXPRESS,    DE,      3.000,  11.84,   1.01",  // another service level, its own table; 1.0064
    })
    void theBaseRateIsTheFirstBandOfTheZoneThatHoldsTheWeight(String service, String country, String weight,
                                                              String freight, String fuel) {
        List<ChargeLine> lines = FreightRater.rate(TERMS, service, country, new BigDecimal(weight));
        assertEquals(List.of(ChargeCode.FREIGHT, ChargeCode.FUEL), lines.stream().map(ChargeLine::code).toList());
        assertEquals(Money.of(freight, "EUR"), lines.get(0).amount());
        assertEquals(Money.of(fuel, "EUR"), lines.get(1).amount());
    }

    @ParameterizedTest(name = "{0} to {1}, {2} kg cannot be rated")
    @CsvSource({
            "STANDARD, DE, 5.001",   // heavier than the heaviest band
            "EXPRESS,  AT, 1",       // the service level has no rate to that zone
            "NEXT_DAY, DE, 1",       // a service level the agreement does not price
    })
    void whatTheTableDoesNotCoverIsUnrateable(String service, String country, String weight) {
        assertThrows(FreightRater.Unrateable.class, () -> FreightRater.rate(TERMS, service, country, new BigDecimal(weight)));
    }

    @Test
    void theFuelSurchargeIsRoundedHalfEvenAndLeftOutAtZeroPercent() {
        // 1.00 x 12.5 % = 0.125: half-even gives 0.12 (half-up would give 0.13); 1.10 x 12.5 % = 0.1375 -> 0.14.
        assertEquals(Money.of("0.12", "EUR"), fuelOf("12.5", "1.00"));
        assertEquals(Money.of("0.14", "EUR"), fuelOf("12.5", "1.10"));
        RateTerms noFuel = terms("0", "1.00");
        assertEquals(List.of(ChargeCode.FREIGHT), FreightRater.rate(noFuel, "STANDARD", "DE", BigDecimal.ONE).stream()
                .map(ChargeLine::code).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                   | kg  | L  | W  | H  | chargeable
            "volumetric weight wins over a light box  | 1   | 40 | 30 | 20 | 4.800",
            "actual weight wins over a small box      | 6   | 40 | 30 | 20 | 6.000",
            "without dimensions: the actual weight    | 2.5 |    |    |    | 2.500",
            "volumetric rounded up to the gram        | 0.01 | 7 | 7  | 7  | 0.069",
    })
    void theChargeableWeightIsTheHigherOfActualAndVolumetric(String why, String kg, String length, String width,
                                                             String height, String chargeable) {
        Parcel parcel = new Parcel(new BigDecimal(kg), decimal(length), decimal(width), decimal(height));
        assertEquals(new BigDecimal(chargeable), FreightRater.chargeableWeightKg(List.of(parcel)), why);
    }

    @Test
    void eachParcelIsChargedAtItsOwnHigherWeight() {
        // 1 kg in a 40x30x20 box (4.8 kg volumetric) plus a dense 6 kg parcel: 4.8 + 6, not max(7, 4.8).
        assertEquals(new BigDecimal("10.800"), FreightRater.chargeableWeightKg(List.of(
                new Parcel(BigDecimal.ONE, decimal("40"), decimal("30"), decimal("20")),
                new Parcel(new BigDecimal("6"), decimal("10"), decimal("10"), decimal("10")))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an agreed price replaces the carrier's cost | RESIDENTIAL | 4.00 | EUR | 3.50",
            "no agreed price: the carrier's cost          | REWEIGH     | 5.00 | EUR | 5.00",
            "a carrier cost in another currency is passed on as billed | RESIDENTIAL | 4.00 | USD | 4.00",
    })
    void anAcceptedAccessorialIsPassedOnAtTheAgreedPrice(String why, ChargeCode code, String carrier, String currency,
                                                         String expected) {
        assertEquals(Money.of(expected, currency),
                FreightRater.passOnPrice(TERMS, code, Money.of(carrier, currency)), why);
    }

    @Test
    void withoutAnAgreementTheCarriersCostIsPassedOn() {
        assertEquals(Money.of("4.00", "EUR"), FreightRater.passOnPrice(null, ChargeCode.RESIDENTIAL, Money.of("4", "EUR")));
    }

    private static Money fuelOf(String percent, String price) {
        return FreightRater.rate(terms(percent, price), "STANDARD", "DE", BigDecimal.ONE).get(1).amount();
    }

    private static RateTerms terms(String fuelPercent, String price) {
        return new RateTerms("EUR", BillingTerms.PER_SHIPMENT, 30, new BigDecimal(fuelPercent), Map.of("DE", "Z1"), "Z3",
                List.of(rate("STANDARD", "Z1", "5", price)), Map.of());
    }

    private static RateTerms.BaseRate rate(String service, String zone, String upToKg, String price) {
        return new RateTerms.BaseRate(service, zone, new BigDecimal(upToKg), new BigDecimal(price));
    }

    private static BigDecimal decimal(String value) {
        return value == null || value.isBlank() ? null : new BigDecimal(value.trim());
    }
}
