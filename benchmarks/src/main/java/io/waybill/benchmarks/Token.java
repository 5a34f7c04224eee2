package io.waybill.benchmarks;

import java.time.Duration;
import java.util.function.Supplier;

/** An access token fetched again before it expires (the realm's tokens live five minutes). */
final class Token implements Supplier<String> {

    private static final Duration KEEP = Duration.ofMinutes(2);

    private final Supplier<String> fetch;
    private volatile String value;
    private volatile long fetchedAt;

    Token(Supplier<String> fetch) {
        this.fetch = fetch;
    }

    @Override
    public String get() {
        String current = value;
        if (current != null && System.nanoTime() - fetchedAt < KEEP.toNanos()) {
            return current;
        }
        synchronized (this) {
            if (value == null || System.nanoTime() - fetchedAt >= KEEP.toNanos()) {
                value = fetch.get();
                fetchedAt = System.nanoTime();
            }
            return value;
        }
    }
}
