package io.waybill.shipment.carrier;

import java.time.Duration;

/** HTTP 429: the carrier asks to come back after {@link #retryAfter()} (its Retry-After header). */
public class CarrierThrottledException extends CarrierUnavailableException {

    private final Duration retryAfter;

    public CarrierThrottledException(String carrierId, Duration retryAfter) {
        super(carrierId, "throttled, retry after " + retryAfter.toMillis() + " ms");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
