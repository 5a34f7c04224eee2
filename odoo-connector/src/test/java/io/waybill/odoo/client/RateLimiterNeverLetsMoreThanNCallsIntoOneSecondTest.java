package io.waybill.odoo.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window arithmetic of {@link OdooRateLimiter}, on a hand-driven clock. */
class RateLimiterNeverLetsMoreThanNCallsIntoOneSecondTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final OdooRateLimiter limiter = new OdooRateLimiter(3, null, now::get);

    @Test
    void callsUnderWayCountAgainstTheWindow() {
        assertEquals(0, limiter.tryStart());
        assertEquals(0, limiter.tryStart());
        assertEquals(0, limiter.tryStart());
        assertTrue(limiter.tryStart() > 0, "a fourth call while three are under way must wait");
    }

    @Test
    void aCallMayStartOnlyOneSecondAfterTheNthMostRecentCompletion() {
        for (int i = 0; i < 3; i++) {
            limiter.tryStart();
        }
        for (int i = 0; i < 3; i++) {
            now.addAndGet(100 * MS);
            limiter.finished(); // completions at +100, +200, +300 ms
        }
        now.addAndGet(400 * MS); // +700 ms
        assertEquals(400 * MS, limiter.tryStart(), "wait until the completion at +100 ms is one second old");

        now.addAndGet(400 * MS); // +1100 ms
        assertEquals(0, limiter.tryStart());
        assertTrue(limiter.tryStart() > 0, "the completions at +200 and +300 ms and the new call fill the window");
    }
}
