package io.waybill.shipment.carrier;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a guarded carrier call waits before its next attempt: the first delay doubled per retry, capped, plus a
 * random share of up to half of it, so callers that failed together do not come back together. A 429 waits exactly the
 * carrier's Retry-After instead. One instance per guarded call (it counts that call's retries).
 */
public final class RetryBackoff implements CustomBackoffStrategy {

    private final long firstMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int retries;

    public RetryBackoff(Duration first, Duration max, RandomGenerator random) {
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        if (failure instanceof CarrierThrottledException throttled) {
            return throttled.retryAfter().toMillis();
        }
        long base = baseDelayMillis(retries++);
        return base + random.nextLong(base / 2 + 1);
    }

    /** The delay before retry {@code n} (0-based) without jitter. */
    long baseDelayMillis(int retry) {
        return Math.min(maxMillis, firstMillis << Math.min(retry, 16));
    }
}
