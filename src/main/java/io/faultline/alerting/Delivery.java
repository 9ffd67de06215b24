package io.faultline.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One notification on its way to one webhook, stored with the notification before any send.
 * It is {@code pending} until it ends {@code delivered} or {@code dead}; a dead one may be
 * redelivered. Every attempt sends the same {@code webhook-id}, so receivers can deduplicate.
 */
@Entity
@Table(name = "WEBHOOK_DELIVERY", indexes = {
    @Index(name = "IX_DELIVERY_DUE", columnList = "STATUS, NEXT_ATTEMPT_AT"),
    @Index(name = "IX_DELIVERY_WEBHOOK", columnList = "WEBHOOK_ID, ID")})
public class Delivery {

    /** Where a delivery stands. */
    enum Status { pending, delivered, dead }

    @Id
    @SequenceGenerator(name = "delivery_seq", sequenceName = "WEBHOOK_DELIVERY_SEQ", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_seq")
    Long id;

    @Column(name = "WEBHOOK_ID", nullable = false)
    Long webhookId;

    @Column(name = "NOTIFICATION_ID", nullable = false)
    Long notificationId;

    @Column(name = "MESSAGE_ID", nullable = false, length = 64)
    String messageId;

    @Column(name = "EVENT_TYPE", nullable = false, length = 40)
    String eventType;

    @Column(nullable = false, length = 4000)
    String payload;

    @Column(nullable = false, length = 10)
    String status;

    @Column(nullable = false)
    int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    Instant nextAttemptAt;

    @Column(name = "LAST_ATTEMPT_AT")
    Instant lastAttemptAt;

    @Column(name = "LAST_STATUS_CODE")
    Integer lastStatusCode;

    @Column(name = "LAST_ERROR", length = 200)
    String lastError;

    @Column(name = "CORRELATION_ID", length = 128)
    String correlationId;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "FINISHED_AT")
    Instant finishedAt;

    /** The instance sending it now, until {@link #leaseUntil}; after that any instance may claim it. */
    @Column(name = "LEASE_OWNER", length = 64)
    String leaseOwner;

    @Column(name = "LEASE_UNTIL")
    Instant leaseUntil;

    protected Delivery() {
    }

    Delivery(long webhookId, long notificationId, String messageId, String eventType, String payload,
             String correlationId) {
        this.webhookId = webhookId;
        this.notificationId = notificationId;
        this.messageId = messageId;
        this.eventType = eventType;
        this.payload = payload;
        this.correlationId = correlationId;
        this.status = Status.pending.name();
        this.createdAt = Instant.now();
        this.nextAttemptAt = createdAt;
    }

    boolean isPending() {
        return Status.pending.name().equals(status);
    }

    void lease(String owner, Instant until) {
        leaseOwner = owner;
        leaseUntil = until;
    }

    boolean leasedTo(String owner) {
        return owner != null && owner.equals(leaseOwner);
    }

    void release() {
        leaseOwner = null;
        leaseUntil = null;
    }

    /** Pending again from now, with its attempts counted afresh. */
    void reopen(Instant at) {
        release();
        status = Status.pending.name();
        attempts = 0;
        finishedAt = null;
        nextAttemptAt = at;
    }

    void end(Status end, Instant at) {
        release();
        status = end.name();
        finishedAt = at;
    }
}
