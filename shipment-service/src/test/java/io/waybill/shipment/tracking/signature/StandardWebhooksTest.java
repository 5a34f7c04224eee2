package io.waybill.shipment.tracking.signature;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signature schemes against their published reference values, without the service around them. */
class StandardWebhooksTest {

    // The test vector of the Standard Webhooks reference libraries.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final byte[] PAYLOAD_BYTES = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void signsLikeTheReferenceLibraries() {
        assertEquals(SIGNATURE, StandardWebhooks.sign(SECRET, ID, TIMESTAMP, PAYLOAD));
    }

    @Test
    void acceptsTheReferenceSignatureWithinTheTolerance() {
        Instant now = Instant.ofEpochSecond(TIMESTAMP).plusSeconds(299);
        assertNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), SIGNATURE, PAYLOAD_BYTES, now,
                FIVE_MINUTES));
    }

    @Test
    void refusesItOutsideTheToleranceEitherWay() {
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), SIGNATURE, PAYLOAD_BYTES,
                Instant.ofEpochSecond(TIMESTAMP + 301), FIVE_MINUTES));
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), SIGNATURE, PAYLOAD_BYTES,
                Instant.ofEpochSecond(TIMESTAMP - 301), FIVE_MINUTES));
    }

    @Test
    void refusesAnotherIdTimestampOrBodyUnderTheSameSignature() {
        Instant now = Instant.ofEpochSecond(TIMESTAMP);
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), "msg_other", String.valueOf(TIMESTAMP), SIGNATURE,
                PAYLOAD_BYTES, now, FIVE_MINUTES));
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP + 1), SIGNATURE, PAYLOAD_BYTES,
                now, FIVE_MINUTES));
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), SIGNATURE,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), now, FIVE_MINUTES));
    }

    @Test
    void findsTheValidSignatureAmongSeveralAndIgnoresUnknownVersions() {
        String header = "v2,bm90LWEtdjEtc2lnbmF0dXJl v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SIGNATURE;
        assertNull(StandardWebhooks.verify(List.of("whsec_" + "b2xkLWtleQ==", SECRET), ID, String.valueOf(TIMESTAMP),
                header, PAYLOAD_BYTES, Instant.ofEpochSecond(TIMESTAMP), FIVE_MINUTES));
    }

    @Test
    void verifiesTheRawBodyBytesEvenWhereTheyAreNotValidUtf8() {
        // "Müller" in Latin-1 (0xFC is not valid UTF-8) next to real UTF-8: decoding to text and back would turn
        // 0xFC into U+FFFD and break the signature the sender computed over the bytes it sent.
        byte[] body = concat("{\"signer\":\"M".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xFC},
                "ller \u2013 Stra\u00dfe\"}".getBytes(StandardCharsets.UTF_8));
        String signature = StandardWebhooks.sign(SECRET, ID, TIMESTAMP, body);

        assertNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), signature, body,
                Instant.ofEpochSecond(TIMESTAMP), FIVE_MINUTES));
        byte[] reDecoded = new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        assertNotNull(StandardWebhooks.verify(List.of(SECRET), ID, String.valueOf(TIMESTAMP), signature, reDecoded,
                Instant.ofEpochSecond(TIMESTAMP), FIVE_MINUTES));
    }

    @Test
    void aSecretThatIsNotBase64IsNamedByCarrierAndPositionNotRevealed() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> StandardWebhooks.checkSecrets("swiftpost", List.of(SECRET, "whsec_not base64!")));
        assertTrue(failure.getMessage().startsWith("waybill.carriers.swiftpost.webhook-secrets: entry 2 of 2 is not"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("not base64!"), failure.getMessage());
        StandardWebhooks.checkSecrets("swiftpost", List.of(SECRET));
    }

    @Test
    void aSecretThatIsNotBase64IsSkippedAtVerificationInsteadOfFailingIt() {
        assertNull(StandardWebhooks.verify(List.of("whsec_not base64!", SECRET), ID, String.valueOf(TIMESTAMP),
                SIGNATURE, PAYLOAD_BYTES, Instant.ofEpochSecond(TIMESTAMP), FIVE_MINUTES));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
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
