package io.faultline.alerting;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import io.faultline.problem.ResourceNotFound;
import io.faultline.storage.InstantConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delivery rows: which are due, and what an attempt's outcome makes of them. A failed
 * attempt is tried again after an exponential backoff with jitter (half the delay fixed, half
 * random), until {@code faultline.webhook.max-attempts}; then the delivery is dead.
 */
@ApplicationScoped
public class Deliveries {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookMetrics metrics;

    /**
     * Claims up to {@code limit} pending deliveries of enabled webhooks whose time has come,
     * oldest first, for {@code owner} until {@code now} plus the lease. Rows another instance is
     * claiming at the same moment are skipped, not waited for ({@code SKIP LOCKED}), and a leased
     * delivery is nobody else's until its lease ends, so that each is sent by one instance; if
     * that instance dies, another sends it again when the lease is over.
     */
    @Transactional
    public List<SendAttempt> claim(String owner, int limit, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT d.ID FROM WEBHOOK_DELIVERY d WHERE d.STATUS = ?1 AND d.NEXT_ATTEMPT_AT <= ?2"
                        + " AND (d.LEASE_UNTIL IS NULL OR d.LEASE_UNTIL < ?2)"
                        + " AND d.WEBHOOK_ID IN (SELECT w.ID FROM WEBHOOK w WHERE w.DISABLED_AT IS NULL)"
                        + " ORDER BY d.NEXT_ATTEMPT_AT, d.ID FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED")
                .setParameter(1, Delivery.Status.pending.name()).setParameter(2, InstantConverter.utc(now))
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Instant until = now.plusSeconds(config.settings().leaseSeconds());
        return em.createQuery("SELECT d, w FROM Delivery d, Webhook w WHERE w.id = d.webhookId AND d.id IN :ids"
                        + " ORDER BY d.nextAttemptAt, d.id", Object[].class)
                .setParameter("ids", ids.stream().map(Number::longValue).toList()).getResultStream().map(row -> {
                    Delivery delivery = (Delivery) row[0];
                    delivery.lease(owner, until);
                    return new SendAttempt(delivery, (Webhook) row[1]);
                }).toList();
    }

    /**
     * Records the attempt's outcome and ends its lease. Only the lease's owner may: a delivery
     * whose lease ran out and that another instance claimed since, or that is no longer pending,
     * is left alone.
     */
    @Transactional
    public void settle(SendAttempt attempt, Outcome outcome, Instant retryAfterRefusal) {
        Delivery delivery = em.find(Delivery.class, attempt.deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !delivery.isPending() || !delivery.leasedTo(attempt.leaseOwner)) {
            return;
        }
        delivery.release();
        Instant now = Instant.now();
        if (outcome.kind() == Outcome.Kind.DEFERRED) {
            delivery.nextAttemptAt = retryAfterRefusal.isAfter(now) ? retryAfterRefusal : now.plusMillis(config.settings().pollMs());
            return;
        }
        delivery.attempts++;
        delivery.lastAttemptAt = now;
        delivery.lastStatusCode = outcome.statusCode();
        delivery.lastError = outcome.reason() == null ? null : truncate(outcome.reason());
        switch (outcome.kind()) {
            case DELIVERED -> {
                delivery.end(Delivery.Status.delivered, now);
                metrics.count(WebhookMetrics.Result.delivered, 1);
            }
            case GONE -> disable(delivery.webhookId, now);
            default -> {
                metrics.count(WebhookMetrics.Result.failed, 1);
                if (delivery.attempts >= config.settings().maxAttempts()) {
                    delivery.end(Delivery.Status.dead, now);
                    metrics.count(WebhookMetrics.Result.dead, 1);
                } else {
                    delivery.nextAttemptAt = now.plusMillis(backoff(delivery.attempts));
                }
            }
        }
    }

    /** Sends a delivered or dead delivery again, with the same webhook-id, as a new delivery would be. */
    @Transactional
    public Delivery redeliver(long webhookId, long deliveryId) {
        Webhook webhook = em.find(Webhook.class, webhookId);
        Delivery delivery = em.find(Delivery.class, deliveryId);
        if (webhook == null || delivery == null || delivery.webhookId != webhookId) {
            throw new ResourceNotFound("delivery", Long.toString(deliveryId));
        }
        if (!webhook.enabled()) {
            throw new ProblemException(ErrorCode.CONFLICT, "Webhook " + webhookId + " is disabled: " + webhook.disabledReason);
        }
        if (delivery.isPending()) {
            throw new ProblemException(ErrorCode.CONFLICT, "Delivery " + deliveryId + " is still pending");
        }
        delivery.reopen(Instant.now());
        return delivery;
    }

    /** A receiver that answered 410 wants nothing more: the webhook is disabled and its pending deliveries are dead. */
    private void disable(long webhookId, Instant now) {
        Webhook webhook = em.find(Webhook.class, webhookId);
        if (webhook != null && webhook.enabled()) {
            webhook.disabledAt = now;
            webhook.disabledReason = "the receiver answered 410 Gone";
        }
        List<Delivery> pending = em.createQuery("SELECT d FROM Delivery d WHERE d.webhookId = :webhook AND d.status = :pending",
                        Delivery.class)
                .setParameter("webhook", webhookId).setParameter("pending", Delivery.Status.pending.name()).getResultList();
        for (Delivery delivery : pending) {
            delivery.end(Delivery.Status.dead, now);
            if (delivery.lastError == null) {
                delivery.lastError = "webhook disabled: the receiver answered 410 Gone";
            }
        }
        metrics.count(WebhookMetrics.Result.dead, pending.size());
    }

    long backoff(int attempts) {
        long base = config.settings().backoffMs();
        long max = config.settings().maxBackoffMs();
        long delay = attempts >= 62 ? max : Math.min(max, base << Math.min(attempts - 1, 40));
        long half = Math.max(1, delay / 2);
        return half + ThreadLocalRandom.current().nextLong(half);
    }

    private static String truncate(String reason) {
        return reason.length() > 200 ? reason.substring(0, 200) : reason;
    }
}
