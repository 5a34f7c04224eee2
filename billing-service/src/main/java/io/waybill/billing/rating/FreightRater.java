package io.waybill.billing.rating;

import io.waybill.model.Money;
import io.waybill.model.billing.ChargeCode;
import io.waybill.model.billing.ChargeLine;
import io.waybill.model.order.Parcel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Computes a customer's freight charge from its rate agreement: the base rate of the service level, destination
 * zone and weight band, plus the fuel surcharge as a percentage of it. Each line is rounded half-even to the
 * currency's minor unit as it is computed, because that is the figure the customer sees; the total is their sum.
 */
public final class FreightRater {

    /** Volumetric divisor (cm³ per kg), the one most parcel carriers apply. */
    static final BigDecimal VOLUMETRIC_DIVISOR = new BigDecimal("5000");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private FreightRater() {
    }

    /** The weight carriers charge for: each parcel's actual or volumetric weight, whichever is higher. */
    public static BigDecimal chargeableWeightKg(List<Parcel> parcels) {
        BigDecimal total = BigDecimal.ZERO;
        for (Parcel parcel : parcels) {
            BigDecimal actual = parcel.weightKg() == null ? BigDecimal.ZERO : parcel.weightKg();
            BigDecimal volumetric = BigDecimal.ZERO;
            if (parcel.lengthCm() != null && parcel.widthCm() != null && parcel.heightCm() != null) {
                volumetric = parcel.lengthCm().multiply(parcel.widthCm()).multiply(parcel.heightCm())
                        .divide(VOLUMETRIC_DIVISOR, 3, RoundingMode.UP);
            }
            total = total.add(actual.max(volumetric));
        }
        return total.setScale(3, RoundingMode.UP);
    }

    /**
     * @throws Unrateable when the agreement has no band for the service level, zone and weight
     */
    public static List<ChargeLine> rate(RateTerms terms, String serviceLevel, String destinationCountry,
                                        BigDecimal chargeableWeightKg) {
        String zone = terms.zones().getOrDefault(destinationCountry, terms.defaultZone());
        RateTerms.BaseRate band = terms.baseRates().stream()
                .filter(rate -> rate.serviceLevel().equals(serviceLevel) && rate.zone().equals(zone))
                .filter(rate -> rate.upToKg().compareTo(chargeableWeightKg) >= 0)
                .min(Comparator.comparing(RateTerms.BaseRate::upToKg))
                .orElseThrow(() -> new Unrateable("The rate agreement has no " + serviceLevel + " rate to zone " + zone
                        + " (" + destinationCountry + ") for " + chargeableWeightKg.stripTrailingZeros().toPlainString() + " kg"));

        List<ChargeLine> lines = new ArrayList<>();
        Money freight = new Money(band.price(), terms.currency()).rounded();
        lines.add(new ChargeLine(ChargeCode.FREIGHT, "Base freight " + serviceLevel + ", zone " + zone + ", up to "
                + band.upToKg().stripTrailingZeros().toPlainString() + " kg ("
                + chargeableWeightKg.stripTrailingZeros().toPlainString() + " kg chargeable)", freight));
        if (terms.fuelSurchargePercent().signum() > 0) {
            Money fuel = freight.times(terms.fuelSurchargePercent().divide(HUNDRED)).rounded();
            lines.add(new ChargeLine(ChargeCode.FUEL,
                    "Fuel surcharge " + terms.fuelSurchargePercent().stripTrailingZeros().toPlainString() + "%", fuel));
        }
        return lines;
    }

    /** The customer's price for an accepted carrier accessorial: the agreed price, else the carrier's cost. */
    public static Money passOnPrice(RateTerms terms, ChargeCode code, Money carrierAmount) {
        BigDecimal agreed = terms == null ? null : terms.accessorials().get(code);
        if (agreed != null && terms.currency().equals(carrierAmount.currency())) {
            return new Money(agreed, terms.currency()).rounded();
        }
        return carrierAmount.rounded();
    }

    /** The agreement cannot price a shipment; billing records why and leaves it for an operator. */
    public static final class Unrateable extends RuntimeException {
        public Unrateable(String message) {
            super(message, null, false, false);
        }
    }
}
