package io.waybill.foundation.inbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a consumer waits before each retry of a failed event: exponential (doubling from {@code initial}),
 * capped at {@code max}, with proportional jitter so replicas that failed together do not retry together.
 * Written out rather than left to a library so the schedule can be checked directly.
 */
public record RetrySchedule(Duration initial, Duration max, double jitter) {

    public RetrySchedule {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        if (jitter < 0 || jitter >= 1.0 / 3) {
            // Below a third, doubling outgrows the jitter: a later retry never waits less than an earlier one.
            throw new IllegalArgumentException("Jitter is a fraction in [0, 1/3), got " + jitter);
        }
    }

    /** The delay before the given retry (1 for the first), with a random jitter. */
    public Duration delayBefore(int retry) {
        return delayBefore(retry, ThreadLocalRandom.current().nextDouble(-1, 1));
    }

    /**
     * The delay before the given retry, with the jitter chosen by {@code spread} in [-1, 1]: -1 is the shortest
     * delay the jitter allows, 1 the longest. Never more than {@code max}.
     */
    public Duration delayBefore(int retry, double spread) {
        if (retry < 1) {
            throw new IllegalArgumentException("Retries count from 1, got " + retry);
        }
        double base = Math.min((double) max.toNanos(), initial.toNanos() * Math.pow(2, retry - 1));
        double jittered = base * (1 + jitter * Math.max(-1, Math.min(1, spread)));
        return Duration.ofNanos((long) Math.min(jittered, max.toNanos()));
    }
}
