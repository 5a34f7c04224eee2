package io.waybill.shipment.tracking.signature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The Standard Webhooks signature scheme (standardwebhooks.com): {@code webhook-signature} holds space-separated
 * {@code v1,<base64 HMAC-SHA256>} entries over {@code <webhook-id>.<webhook-timestamp>.<raw body>}, keyed with the
 * base64 part of a {@code whsec_...} secret. Several entries and several secrets are accepted so that sender and
 * receiver can rotate keys without a gap; the timestamp must be within a tolerance of now (replay window).
 */
public final class StandardWebhooks {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    private static final String SECRET_PREFIX = "whsec_";

    private StandardWebhooks() {
    }

    /** The header value a sender puts in {@code webhook-signature} for one secret. */
    public static String sign(String secret, String id, long timestampSeconds, String body) {
        return sign(secret, id, timestampSeconds, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same, over the body's bytes exactly as they go on the wire. */
    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), signedContent(id, timestampSeconds, body)));
    }

    /**
     * Fails with a message naming the carrier and the position of the entry (never the secret itself) unless every
     * secret is {@code whsec_} followed by base64, so a misconfigured secret stops the service at startup instead of
     * failing every webhook of that carrier with a 500.
     */
    public static void checkSecrets(String carrierId, List<String> secrets) {
        for (int i = 0; i < secrets.size(); i++) {
            try {
                key(secrets.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("waybill.carriers." + carrierId + ".webhook-secrets: entry " + (i + 1)
                        + " of " + secrets.size() + " is not a Standard Webhooks secret (whsec_ followed by base64): "
                        + e.getMessage());
            }
        }
    }

    /**
     * Checks a delivery; returns null when it is authentic and fresh, else why not (for the rejection record).
     */
    public static String verify(List<String> secrets, String id, String timestamp, String signatureHeader, byte[] body,
                                Instant now, Duration tolerance) {
        if (id == null || id.isBlank() || timestamp == null || signatureHeader == null || signatureHeader.isBlank()) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a Unix timestamp";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return "webhook-timestamp outside the " + tolerance.toMinutes() + " min tolerance";
        }
        // Over the raw bytes: decoding the body to text and back would alter any byte sequence that is not valid
        // UTF-8, and with it the signature.
        byte[] signedContent = signedContent(id, seconds, body);
        for (String secret : secrets) {
            byte[] key;
            try {
                key = key(secret);
            } catch (IllegalArgumentException misconfigured) {
                // Caught at startup (checkSecrets); skipped here so one bad entry cannot fail every delivery.
                continue;
            }
            byte[] expected = hmac(key, signedContent);
            for (String entry : signatureHeader.trim().split(" +")) {
                int comma = entry.indexOf(',');
                if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(entry.substring(comma + 1));
                } catch (IllegalArgumentException notBase64) {
                    continue;
                }
                // Constant time: the comparison must not reveal how many leading bytes matched.
                if (MessageDigest.isEqual(expected, given)) {
                    return null;
                }
            }
        }
        return "no valid v1 signature";
    }

    private static byte[] signedContent(String id, long seconds, byte[] body) {
        byte[] prefix = (id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    /** The HMAC key of a secret; IllegalArgumentException if it is not base64 (after the optional prefix). */
    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key = Base64.getDecoder().decode(encoded.trim());
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
