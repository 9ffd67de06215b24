package io.faultline.alerting;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification defines them: the secret is
 * {@code whsec_} and the base64 of the key; the signature is {@code v1,} and the base64 of
 * HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
final class Signatures {

    static final String PREFIX = "whsec_";
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;

    private Signatures() {
    }

    /** Whether the secret is {@code whsec_} and the base64 of a key of 24 to 64 bytes. */
    static boolean isValidSecret(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
            return length >= MIN_KEY_BYTES && length <= MAX_KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String sign(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
