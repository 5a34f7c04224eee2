package io.waybill.shipment.tracking.signature;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The signature schemes against their published reference values, without the service around them. */
class StandardWebhooksTest {

    // The test vector of the Standard Webhooks reference libraries.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void signsLikeTheReferenceLibraries() {
        assertEquals(SIGNATURE, StandardWebhooks.sign(SECRET, ID, TIMESTAMP, PAYLOAD));
    }

    @Test
    void acceptsTheReferenceSignatureWithinTheTolerance() {
        Instant now = Instant.ofEpochSecond(TIMESTAMP).plusSeconds(299);
        assertNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), SIGNATURE, PAYLOAD, now,
                FIVE_MINUTES));
    }

    @Test
    void refusesItOutsideTheToleranceEitherWay() {
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), SIGNATURE, PAYLOAD,
                Instant.ofEpochSecond(TIMESTAMP + 301), FIVE_MINUTES));
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), SIGNATURE, PAYLOAD,
                Instant.ofEpochSecond(TIMESTAMP - 301), FIVE_MINUTES));
    }

    @Test
    void refusesAnotherIdTimestampOrBodyUnderTheSameSignature() {
        Instant now = Instant.ofEpochSecond(TIMESTAMP);
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), "msg_other", String.valueOf(TIMESTAMP), SIGNATURE,
                PAYLOAD, now, FIVE_MINUTES));
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP + 1), SIGNATURE, PAYLOAD,
                now, FIVE_MINUTES));
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), SIGNATURE,
                "{\"test\": 2432232315}", now, FIVE_MINUTES));
    }

    @Test
    void findsTheValidSignatureAmongSeveralAndIgnoresUnknownVersions() {
        String header = "v2,bm90LWEtdjEtc2lnbmF0dXJl v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SIGNATURE;
        assertNull(StandardWebhooks.verify(List.of("whsec_" + "b2xkLWtleQ==", SECRET), ID, String.valueOf(TIMESTAMP),
                header, PAYLOAD, Instant.ofEpochSecond(TIMESTAMP), FIVE_MINUTES));
    }

    @Test
    void easyPostSignatureIsTheHexHmacOfTheRawBodyWithTheNormalizedSecret() {
        byte[] body = "{\"object\":\"Event\"}".getBytes(StandardCharsets.UTF_8);
        // "ﬁ" (U+FB01) normalizes to "fi" under NFKD, as EasyPost's client libraries normalize the secret.
        String signature = EasyPostSignature.sign("secret-\uFB01", body);
        assertNull(EasyPostSignature.verify(List.of("secret-fi"), signature, body));
        assertNull(EasyPostSignature.verify(List.of("secret-fi"), signature.toUpperCase().replace("HMAC-SHA256-HEX=",
                "hmac-sha256-hex="), body));
        assertNotNull(EasyPostSignature.verify(List.of("secret-fo"), signature, body));
        assertNotNull(EasyPostSignature.verify(List.of("secret-fi"), signature.replace("hmac-sha256-hex=", ""), body));
    }
}
