package io.waybill.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkOptionsTest {

    @Test
    void withoutArgumentsItRunsAsFastAsTheSuiteTakesOrdersForAMinute() {
        BenchmarkOptions o = BenchmarkOptions.parse();
        assertTrue(o.maxRate());
        assertNull(o.rate());
        assertEquals(Duration.ofSeconds(60), o.duration());
        assertEquals(Duration.ZERO, o.carrierTick());
    }

    @Test
    void readsAFixedRateAndDurationsInTheirUsualUnits() {
        BenchmarkOptions o = BenchmarkOptions.parse("--rate=2.5", "--duration=90", "--drain=2m",
                "--carrier-tick=250ms", "--ceiling-time=1.5m");
        assertEquals(2.5, o.rate());
        assertEquals(Duration.ofSeconds(90), o.duration());
        assertEquals(Duration.ofMinutes(2), o.drain());
        assertEquals(Duration.ofMillis(250), o.carrierTick());
        assertEquals(Duration.ofSeconds(90), o.ceilingTime());
        assertEquals("--rate=2.5 --duration=90s --drain=120s --portal-rate=5 --ceiling-time=90s --carrier-tick=250ms",
                o.describe());
        assertTrue(BenchmarkOptions.parse("--rate=MAX").maxRate());
    }

    @Test
    void refusesWhatItCannotMeasure() {
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--rate=0"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--rate=fast"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--duration=0s"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--duration=soon"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--concurrency=0"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--max-in-flight=-1"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--speed=9"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("60s"));
    }
}
