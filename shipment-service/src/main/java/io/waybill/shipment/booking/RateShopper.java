package io.waybill.shipment.booking;

import io.waybill.model.Money;
import io.waybill.model.order.ServiceLevel;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierException;
import io.waybill.shipment.carrier.CarrierGuards;
import io.waybill.shipment.carrier.CarrierRegistry;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.carrier.ShipmentSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks every allowed carrier for rates and ranks the carriers by their best offer for the requested service level.
 * <p>
 * A quote is eligible if its service level is the requested one or faster. Carriers are ranked by their best eligible
 * quote: exact level before a faster one, then cost (in the reference currency), then promised transit days, then the
 * order's own carrier preference. A carrier that fails to quote is recorded with the reason and left out.
 */
@ApplicationScoped
public class RateShopper {

    private static final TypeLiteral<List<RateQuote>> QUOTES = new TypeLiteral<>() {
    };

    private final CarrierRegistry carriers;
    private final CarrierGuards guards;
    private final ShippingConfig shipping;

    public RateShopper(CarrierRegistry carriers, CarrierGuards guards, ShippingConfig shipping) {
        this.carriers = carriers;
        this.guards = guards;
        this.shipping = shipping;
    }

    /** The outcome: carriers' best quotes, best first, and why the others offered nothing. */
    public record Offers(List<RateQuote> ranked, Map<String, String> failures) {
    }

    public Offers shop(List<String> allowedCarriers, ServiceLevel level, java.util.function.Function<String, ShipmentSpec> specFor) {
        List<RateQuote> best = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (String carrierId : allowedCarriers) {
            Optional<CarrierAdapter> adapter = carriers.find(carrierId);
            if (adapter.isEmpty()) {
                failures.put(carrierId, "not configured");
                continue;
            }
            try {
                ShipmentSpec spec = specFor.apply(carrierId);
                List<RateQuote> quotes = guards.call(carrierId, () -> adapter.get().quote(spec), QUOTES);
                quotes.stream().filter(q -> eligible(q, level))
                        .min(ranking(level, allowedCarriers))
                        .ifPresentOrElse(best::add, () -> failures.put(carrierId, "no " + level + " service offered"));
            } catch (CarrierException e) {
                failures.put(carrierId, describe(e));
            }
        }
        best.sort(ranking(level, allowedCarriers));
        return new Offers(best, failures);
    }

    static boolean eligible(RateQuote quote, ServiceLevel requested) {
        return quote.serviceLevel() != null && quote.serviceLevel().ordinal() >= requested.ordinal();
    }

    Comparator<RateQuote> ranking(ServiceLevel requested, List<String> preference) {
        return Comparator.<RateQuote>comparingInt(q -> q.serviceLevel().ordinal() - requested.ordinal())
                .thenComparing(q -> inReferenceCurrency(q.cost()), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(q -> q.transitDays() == null ? Integer.MAX_VALUE : q.transitDays())
                .thenComparingInt(q -> preference.indexOf(q.carrierId()));
    }

    private BigDecimal inReferenceCurrency(Money cost) {
        if (cost.currency().equals(shipping.referenceCurrency())) {
            return cost.amount();
        }
        BigDecimal rate = shipping.exchangeRates().get(cost.currency());
        return rate == null ? null : cost.amount().multiply(rate);
    }

    public static String describe(CarrierException e) {
        String kind = e instanceof io.waybill.shipment.carrier.CarrierRejectedException ? "rejected" : "unavailable";
        return kind + ": " + e.getMessage();
    }
}
