package io.faultline.alerting;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.correlation.CorrelationIds;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attempt at a delivery: what the sender needs, and what its guarded calls saw, so that
 * the fallback can tell a receiver's failure from a call the guards never let through.
 */
final class SendAttempt {

    final long deliveryId;
    final long webhookId;
    final String messageId;
    final String url;
    final String secret;
    final String payload;
    final String correlationId;
    /** The instance whose lease covers this attempt; none for a ping. */
    final String leaseOwner;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Integer lastStatusCode;
    private volatile String lastFailure;

    SendAttempt(Delivery delivery, Webhook webhook) {
        // One id for the send and its log lines, new if the notification had none.
        this(delivery.id, webhook, delivery.messageId, delivery.payload, CorrelationIds.validOrNew(delivery.correlationId),
                delivery.leaseOwner);
    }

    private SendAttempt(long deliveryId, Webhook webhook, String messageId, String payload, String correlationId,
                        String leaseOwner) {
        this.deliveryId = deliveryId;
        this.webhookId = webhook.id;
        this.messageId = messageId;
        this.url = webhook.url;
        this.secret = webhook.secret;
        this.payload = payload;
        this.correlationId = correlationId;
        this.leaseOwner = leaseOwner;
    }

    /** A signed {@code ping} to the webhook's receiver, recorded nowhere: an operator's test of the receiver. */
    static SendAttempt ping(Webhook webhook, String correlationId) {
        String payload = JSON.createObjectBuilder().add("type", "ping").add("webhookId", Long.toString(webhook.id))
                .add("timestamp", Instant.now().toString()).build().toString();
        return new SendAttempt(0, webhook, "msg_ping_" + UUID.randomUUID().toString().replace("-", ""), payload,
                correlationId, null);
    }

    void called() {
        calls.incrementAndGet();
    }

    /** Whether any call reached the point of sending. */
    boolean wasCalled() {
        return calls.get() > 0;
    }

    void answered(int statusCode) {
        lastStatusCode = statusCode;
    }

    void failed(String reason) {
        lastFailure = reason;
    }

    Integer lastStatusCode() {
        return lastStatusCode;
    }

    String lastFailure() {
        return lastFailure;
    }

    @Override
    public String toString() {
        // Never the URL or the secret: this may be logged.
        return (deliveryId == 0 ? "ping" : "delivery " + deliveryId) + " to webhook " + webhookId;
    }
}
