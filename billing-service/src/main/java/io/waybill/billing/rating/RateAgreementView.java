package io.waybill.billing.rating;

import java.time.Instant;

/** A rate agreement as the API shows it. */
public record RateAgreementView(String customerId, int revision, Instant updatedAt, String updatedBy, RateTerms terms) {
}
