package io.waybill.shipment.tracking.signature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
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
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, id + "." + timestampSeconds + "." + body));
    }

    /**
     * Checks a delivery; returns null when it is authentic and fresh, else why not (for the rejection record).
     */
    public static String verify(List<String> secrets, String id, String timestamp, String signatureHeader, String body,
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
        String signedContent = id + "." + seconds + "." + body;
        for (String secret : secrets) {
            byte[] expected = hmac(secret, signedContent);
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

    private static byte[] hmac(String secret, String content) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
