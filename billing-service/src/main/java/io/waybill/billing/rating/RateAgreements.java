package io.waybill.billing.rating;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.billing.ChargeCode;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and replaces customers' rate agreements. */
@ApplicationScoped
public class RateAgreements {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final ObjectMapper json;
    private final Clock clock;

    public RateAgreements(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The customer's terms, if it has an agreement. Runs in the caller's session. */
    public Uni<Optional<RateTerms>> termsOf(String customerId) {
        return RateAgreement.<RateAgreement>findById(customerId)
                .map(agreement -> Optional.ofNullable(agreement).map(this::read));
    }

    @WithSession
    public Uni<RateAgreementView> view(String customerId) {
        return RateAgreement.<RateAgreement>findById(customerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("rate-agreement",
                        "No rate agreement for customer " + customerId))
                .map(agreement -> new RateAgreementView(agreement.customerId, agreement.revision,
                        agreement.updatedAt, agreement.updatedBy, read(agreement)));
    }

    /**
     * Replaces the customer's agreement. Charges already computed keep the terms they were computed with; the new
     * terms apply to shipments booked from now on.
     */
    @WithTransaction
    public Uni<RateAgreementView> replace(String customerId, RateTerms terms, String updatedBy) {
        validate(terms);
        return RateAgreement.<RateAgreement>findById(customerId).chain(existing -> {
            RateAgreement agreement = existing != null ? existing : new RateAgreement();
            agreement.customerId = customerId;
            agreement.terms = write(terms);
            agreement.revision = existing != null ? existing.revision + 1 : 1;
            agreement.updatedAt = clock.instant();
            agreement.updatedBy = updatedBy;
            return agreement.<RateAgreement>persist();
        }).map(saved -> new RateAgreementView(saved.customerId, saved.revision, saved.updatedAt, saved.updatedBy, terms));
    }

    /** What bean validation cannot see: valid codes, prices in the currency's minor units, an unambiguous table. */
    static void validate(RateTerms terms) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int minorUnits;
        try {
            minorUnits = Currency.getInstance(terms.currency()).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("invalid-rate-agreement", "currency",
                    "Not an ISO 4217 currency: " + terms.currency());
        }
        terms.zones().forEach((country, zone) -> {
            if (!COUNTRIES.contains(country)) {
                errors.add(new Problem.FieldError("zones." + country, "Not an ISO 3166 alpha-2 country code"));
            }
        });
        Set<String> cells = new HashSet<>();
        for (int i = 0; i < terms.baseRates().size(); i++) {
            RateTerms.BaseRate rate = terms.baseRates().get(i);
            if (rate.price().scale() > minorUnits) {
                errors.add(new Problem.FieldError("baseRates[" + i + "].price",
                        "A price has at most " + minorUnits + " decimals in " + terms.currency()));
            }
            if (!cells.add(rate.serviceLevel() + "|" + rate.zone() + "|" + rate.upToKg().stripTrailingZeros())) {
                errors.add(new Problem.FieldError("baseRates[" + i + "]",
                        "Duplicate band " + rate.serviceLevel() + " / " + rate.zone() + " / up to " + rate.upToKg() + " kg"));
            }
        }
        for (Map.Entry<ChargeCode, BigDecimal> accessorial : terms.accessorials().entrySet()) {
            String field = "accessorials." + accessorial.getKey();
            if (accessorial.getKey() == ChargeCode.FREIGHT || accessorial.getKey() == ChargeCode.FUEL) {
                errors.add(new Problem.FieldError(field, "Freight and fuel come from baseRates and fuelSurchargePercent"));
            } else if (accessorial.getValue() == null || accessorial.getValue().signum() < 0
                    || accessorial.getValue().scale() > minorUnits) {
                errors.add(new Problem.FieldError(field, "A price of zero or more with at most " + minorUnits + " decimals"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid-rate-agreement", "The rate agreement is not valid", errors);
        }
    }

    private RateTerms read(RateAgreement agreement) {
        try {
            return json.readValue(agreement.terms, RateTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored rate agreement of " + agreement.customerId + " is unreadable", e);
        }
    }

    private String write(RateTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
