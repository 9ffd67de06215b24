package io.faultline.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Faultline's signatures against the Standard Webhooks reference library. */
class SignaturesTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void signatureIsTheReferenceLibrarysOwn() throws Exception {
        long timestamp = System.currentTimeMillis() / 1000;
        String body = "{\"type\":\"notification.alert\",\"data\":{\"title\":\"é ✓\"}}";
        String ours = Signatures.sign(SECRET, "msg_1", timestamp, body);
        assertEquals(new Webhook(SECRET).sign("msg_1", timestamp, body), ours);
        new Webhook(SECRET).verify(body, Map.of("webhook-id", List.of("msg_1"),
                "webhook-timestamp", List.of(Long.toString(timestamp)), "webhook-signature", List.of(ours)));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(SECRET).verify(body, Map.of(
                "webhook-id", List.of("msg_2"), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(ours))));
    }

    @Test
    void secretsMustBePrefixedBase64OfAGoodKey() {
        assertTrue(Signatures.isValidSecret(SECRET));
        assertTrue(Signatures.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[24])));
        assertFalse(Signatures.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[16])));
        assertFalse(Signatures.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[65])));
        assertFalse(Signatures.isValidSecret(Base64.getEncoder().encodeToString(new byte[32])));
        assertFalse(Signatures.isValidSecret("whsec_not base64!"));
        assertFalse(Signatures.isValidSecret(null));
    }
}
