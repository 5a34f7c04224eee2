package io.waybill.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PercentilesTest {

    @Test
    void nearestRankPicksAMeasuredSampleNeverAnInterpolation() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(50, Percentiles.nearestRank(oneToHundred, 50));
        assertEquals(95, Percentiles.nearestRank(oneToHundred, 95));
        assertEquals(99, Percentiles.nearestRank(oneToHundred, 99));
        assertEquals(100, Percentiles.nearestRank(oneToHundred, 100));

        long[] four = {10, 20, 30, 40};
        // rank ceil(0.5 * 4) = 2, ceil(0.95 * 4) = 4
        assertEquals(20, Percentiles.nearestRank(four, 50));
        assertEquals(40, Percentiles.nearestRank(four, 95));
        assertEquals(7, Percentiles.nearestRank(new long[]{7}, 99));
    }

    @Test
    void ofSortsTheSamplesItselfAndKeepsNegativeOnes() {
        List<Long> samples = new ArrayList<>(LongStream.rangeClosed(-9, 190).boxed().toList());
        Collections.shuffle(samples);
        Percentiles p = Percentiles.of(samples);
        assertEquals(200, p.count());
        assertEquals(90, p.p50());   // rank 100 of -9..190
        assertEquals(180, p.p95());  // rank 190
        assertEquals(188, p.p99());  // rank 198
        assertEquals(190, p.max());
        assertEquals(-9, Percentiles.of(List.of(-9L)).p99());
    }

    @Test
    void noSamplesAreNoneAndAPercentileOutsideTheRangeIsRefused() {
        assertEquals(Percentiles.NONE, Percentiles.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[]{1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[]{1}, 101));
    }

    @Test
    void sustainedRateIsTheOfferedRateWhenEveryCompletionKeepsPace() {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        List<Instant> tenPerSecond = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            tenPerSecond.add(start.plusMillis(100L * i));
        }
        Collections.shuffle(tenPerSecond);
        assertEquals(10.0, Percentiles.sustainedRate(tenPerSecond), 1e-9);
    }

    @Test
    void sustainedRateIgnoresAFewStragglers() {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        List<Instant> completions = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            completions.add(start.plusMillis(200L * i)); // 5 per second for 200 s
        }
        // Four orders that waited minutes for a retry must not make the suite look slower than it was.
        for (int i = 0; i < 4; i++) {
            completions.add(start.plusSeconds(900 + i));
        }
        double rate = Percentiles.sustainedRate(completions);
        assertTrue(Math.abs(rate - 5.0) < 0.1, "rate " + rate);
    }

    @Test
    void sustainedRateNeedsTwoCompletionsApart() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        assertTrue(Double.isNaN(Percentiles.sustainedRate(List.of())));
        assertTrue(Double.isNaN(Percentiles.sustainedRate(List.of(t))));
        assertTrue(Double.isNaN(Percentiles.sustainedRate(List.of(t, t))));
        assertEquals(1.0, Percentiles.sustainedRate(List.of(t, t.plusSeconds(1))), 1e-9);
    }

    @Test
    void millisAreReadableAtEveryScale() {
        assertEquals("1.25", Percentiles.millis(1_250_000));
        assertEquals("42.5", Percentiles.millis(42_500_000));
        assertEquals("1,234", Percentiles.millis(1_234_400_000L));
        assertEquals("-3.00", Percentiles.millis(-3_000_000));
    }
}
