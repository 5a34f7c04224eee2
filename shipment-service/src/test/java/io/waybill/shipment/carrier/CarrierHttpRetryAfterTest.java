package io.waybill.shipment.carrier;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry-After as RFC 9110 defines it: delta-seconds or an HTTP-date. */
class CarrierHttpRetryAfterTest {

    @Test
    void readsDeltaSeconds() {
        assertEquals(Duration.ofSeconds(7), CarrierHttp.retryAfter("7"));
        assertEquals(Duration.ZERO, CarrierHttp.retryAfter("-3"));
    }

    @Test
    void readsAnHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        Duration wait = CarrierHttp.retryAfter(inTenSeconds);
        assertTrue(wait.compareTo(Duration.ofSeconds(8)) >= 0 && wait.compareTo(Duration.ofSeconds(10)) <= 0, wait.toString());
        assertEquals(Duration.ZERO, CarrierHttp.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    @Test
    void fallsBackToOneSecondWhenAbsentOrGarbled() {
        assertEquals(Duration.ofSeconds(1), CarrierHttp.retryAfter(null));
        assertEquals(Duration.ofSeconds(1), CarrierHttp.retryAfter("soon"));
    }
}
