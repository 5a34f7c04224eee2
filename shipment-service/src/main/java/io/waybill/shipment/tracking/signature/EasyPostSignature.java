package io.waybill.shipment.tracking.signature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;

/**
 * EasyPost's webhook signature as its client libraries validate it: header {@code X-Hmac-Signature} is
 * {@code hmac-sha256-hex=} followed by the hex HMAC-SHA256 of the raw body, keyed with the webhook secret in
 * Unicode NFKD normal form (UTF-8). The scheme carries no timestamp, so replays are caught by the Event id.
 */
public final class EasyPostSignature {

    public static final String HEADER = "X-Hmac-Signature";
    private static final String PREFIX = "hmac-sha256-hex=";

    private EasyPostSignature() {
    }

    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** Null when one of the secrets produced the given signature, else why not. */
    public static String verify(List<String> secrets, String header, byte[] body) {
        if (header == null || !header.startsWith(PREFIX)) {
            return "missing or malformed " + HEADER;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).toLowerCase());
        } catch (IllegalArgumentException notHex) {
            return HEADER + " is not hex";
        }
        for (String secret : secrets) {
            if (MessageDigest.isEqual(hmac(secret, body), given)) {
                return null;
            }
        }
        return "signature does not match";
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = Normalizer.normalize(secret, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
