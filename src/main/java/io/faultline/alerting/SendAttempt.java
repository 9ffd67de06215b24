package io.faultline.alerting;

import io.faultline.correlation.CorrelationIds;
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
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Integer lastStatusCode;
    private volatile String lastFailure;

    SendAttempt(Delivery delivery, Webhook webhook) {
        this.deliveryId = delivery.id;
        this.webhookId = webhook.id;
        this.messageId = delivery.messageId;
        this.url = webhook.url;
        this.secret = webhook.secret;
        this.payload = delivery.payload;
        // One id for the send and its log lines, new if the notification had none.
        this.correlationId = CorrelationIds.validOrNew(delivery.correlationId);
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
        return "delivery " + deliveryId + " to webhook " + webhookId;
    }
}
