package io.waybill.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n samples is the sample of rank
 * ceil(p/100 * n) in ascending order, always a value that was really measured (no interpolation). Samples are
 * nanoseconds and may be negative (two services acting on the same event in parallel).
 *
 * @param count how many samples
 * @param p50   median
 * @param p95   95th percentile
 * @param p99   99th percentile
 * @param max   the largest sample
 */
public record Percentiles(int count, long p50, long p95, long p99, long max) {

    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    /** The percentiles of the given samples (nanoseconds); {@link #NONE} when there are none. */
    public static Percentiles of(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return NONE;
        }
        return new Percentiles(sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 95),
                nearestRank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile of ascending samples; {@code percentile} in (0, 100]. */
    static long nearestRank(long[] ascending, double percentile) {
        if (ascending.length == 0) {
            throw new IllegalArgumentException("No samples");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("A percentile is in (0, 100]: " + percentile);
        }
        int rank = (int) Math.ceil(percentile / 100.0 * ascending.length);
        return ascending[Math.max(rank, 1) - 1];
    }

    /**
     * The rate at which things completed, robust to a slow start and a straggling end: completions per second
     * between the 1st and the 99th percentile of the completion times. When the suite keeps up with the offered
     * rate this is the offered rate; when it falls behind, it is the rate it drains its backlog at, its capacity.
     *
     * @return completions per second, or NaN with fewer than two completions or no time between them
     */
    public static double sustainedRate(List<Instant> completions) {
        Instant[] sorted = completions.toArray(Instant[]::new);
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n < 2) {
            return Double.NaN;
        }
        int first = (int) Math.floor(0.01 * (n - 1));
        int last = (int) Math.ceil(0.99 * (n - 1));
        double seconds = Duration.between(sorted[first], sorted[last]).toNanos() / 1e9;
        return seconds <= 0 ? Double.NaN : (last - first) / seconds;
    }

    /** Milliseconds for a table: two decimals below 10 ms, one below 100 ms, whole above. */
    public static String millis(long nanos) {
        double ms = nanos / 1e6;
        if (Math.abs(ms) < 10) {
            return String.format("%.2f", ms);
        }
        if (Math.abs(ms) < 100) {
            return String.format("%.1f", ms);
        }
        return String.format("%,d", Math.round(ms));
    }
}
