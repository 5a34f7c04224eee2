package io.waybill.odoo.client;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * At most N calls reach Odoo in any one-second window. A call may start only while the calls that finished
 * within the last second plus those still under way number fewer than N. Counting a call from its completion
 * (not its start) is the conservative choice: whatever the network delays, N+1 calls can never arrive at Odoo
 * within one second.
 * <p>
 * Waiting happens on a Vert.x timer, so the caller resumes on its own context (Hibernate Reactive needs that).
 */
public final class OdooRateLimiter {

    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private final int callsPerSecond;
    private final Vertx vertx;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Long> completions = new ArrayDeque<>();
    private int inFlight;

    public OdooRateLimiter(int callsPerSecond, Vertx vertx) {
        this(callsPerSecond, vertx, System::nanoTime);
    }

    OdooRateLimiter(int callsPerSecond, Vertx vertx, LongSupplier nanoTime) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("At least one call per second, got " + callsPerSecond);
        }
        this.callsPerSecond = callsPerSecond;
        this.vertx = vertx;
        this.nanoTime = nanoTime;
    }

    public int callsPerSecond() {
        return callsPerSecond;
    }

    /** Runs the call once the window allows it. */
    public <T> Uni<T> submit(java.util.function.Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            long waitNanos = tryStart();
            if (waitNanos > 0) {
                return sleep(waitNanos).chain(() -> submit(call));
            }
            return call.get().onTermination().invoke(this::finished);
        });
    }

    /** 0 if the call may start now (and counts it as under way), else how long to wait before asking again. */
    synchronized long tryStart() {
        long now = nanoTime.getAsLong();
        while (!completions.isEmpty() && now - completions.peekFirst() >= WINDOW_NANOS) {
            completions.pollFirst();
        }
        if (completions.size() + inFlight < callsPerSecond) {
            inFlight++;
            return 0;
        }
        if (completions.isEmpty()) {
            return Duration.ofMillis(5).toNanos(); // the window is full of calls still under way
        }
        return Math.max(1, completions.peekFirst() + WINDOW_NANOS - now);
    }

    synchronized void finished() {
        inFlight--;
        completions.addLast(nanoTime.getAsLong());
    }

    private Uni<Void> sleep(long nanos) {
        long millis = Math.max(1, (nanos + 999_999) / 1_000_000);
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }
}
