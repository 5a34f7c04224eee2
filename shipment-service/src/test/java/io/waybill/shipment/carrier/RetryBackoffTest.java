package io.waybill.shipment.carrier;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The waits between attempts, as the carrier guards' retry policy computes them. */
class RetryBackoffTest {

    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(1);

    /** A random source that always draws the smallest value: no jitter. */
    private static final RandomGenerator LEAST = () -> 0L;
    /** A random source that always draws the largest value allowed: the most jitter. */
    private static final RandomGenerator MOST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void waitsDoubleWithEveryRetryUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(FIRST, CAP, LEAST);
        assertEquals(List.of(200L, 400L, 800L, 1000L, 1000L), delays(backoff, 5));
    }

    @Test
    void jitterAddsUpToHalfOfEachWait() {
        RetryBackoff backoff = new RetryBackoff(FIRST, CAP, MOST);
        assertEquals(List.of(300L, 600L, 1200L, 1500L, 1500L), delays(backoff, 5));
    }

    @Test
    void callsThatFailedTogetherDoNotComeBackTogether() {
        // Fifty calls failing at the same moment, each with its own random source (seeded: the test is repeatable).
        List<Long> firstWaits = new ArrayList<>();
        for (int call = 0; call < 50; call++) {
            firstWaits.add(new RetryBackoff(FIRST, CAP, new SplittableRandom(call)).nextDelayInMillis(unavailable()));
        }
        assertThat(firstWaits, everyItem(allOf(greaterThanOrEqualTo(200L), lessThanOrEqualTo(300L))));
        Set<Long> distinct = new HashSet<>(firstWaits);
        assertThat("spread over the jitter range", distinct.size(), greaterThan(25));
    }

    @Test
    void aThrottledCallWaitsExactlyItsRetryAfterAndKeepsItsPlaceInTheBackoff() {
        RetryBackoff backoff = new RetryBackoff(FIRST, CAP, LEAST);
        assertEquals(200L, backoff.nextDelayInMillis(unavailable()));
        assertEquals(7000L, backoff.nextDelayInMillis(new CarrierThrottledException("swiftpost", Duration.ofSeconds(7))));
        assertEquals(400L, backoff.nextDelayInMillis(unavailable()));
    }

    private static List<Long> delays(RetryBackoff backoff, int retries) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < retries; i++) {
            delays.add(backoff.nextDelayInMillis(unavailable()));
        }
        return delays;
    }

    private static CarrierUnavailableException unavailable() {
        return new CarrierUnavailableException("swiftpost", "HTTP 503");
    }
}
