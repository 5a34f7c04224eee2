package io.waybill.foundation;

import io.waybill.foundation.inbox.RetrySchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delays a failing consumer waits between attempts (the production defaults: 200 ms doubling to a 10 s cap, 20 %
 * jitter). A consumer that retried at a fixed pace would hammer a struggling database or partner at full rate.
 */
class RetryBackoffGrowsUntilItsCapTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);

    @Test
    void withoutJitterEachDelayDoublesUntilTheCap() {
        List<Long> delays = IntStream.rangeClosed(1, 9).mapToObj(retry -> schedule.delayBefore(retry, 0).toMillis()).toList();
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 6400L, 10_000L, 10_000L, 10_000L), delays);
    }

    @Test
    void theLongestJitteredDelayOfARetryIsShorterThanTheShortestOfTheNextUntilTheCap() {
        for (int retry = 1; retry <= 5; retry++) {
            Duration longest = schedule.delayBefore(retry, 1);
            Duration shortestNext = schedule.delayBefore(retry + 1, -1);
            assertTrue(longest.compareTo(shortestNext) < 0,
                    "retry " + retry + " may wait " + longest + ", retry " + (retry + 1) + " only " + shortestNext);
        }
    }

    @Test
    void jitterSpreadsRetriesAroundTheBaseButNeverBeyondTheCap() {
        assertEquals(Duration.ofMillis(160), schedule.delayBefore(1, -1));
        assertEquals(Duration.ofMillis(240), schedule.delayBefore(1, 1));
        assertEquals(Duration.ofSeconds(8), schedule.delayBefore(12, -1));
        assertEquals(Duration.ofSeconds(10), schedule.delayBefore(12, 1));
        for (int draw = 0; draw < 1_000; draw++) {
            Duration delay = schedule.delayBefore(3);
            assertTrue(delay.compareTo(Duration.ofMillis(640)) >= 0 && delay.compareTo(Duration.ofMillis(960)) <= 0,
                    delay.toString());
        }
    }

    @Test
    void aScheduleThatCouldShrinkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofMillis(500), 0.2));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1), 0.2));
        // With a jitter of a third or more a later retry could wait less than an earlier one.
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(10), 0.34));
    }
}
