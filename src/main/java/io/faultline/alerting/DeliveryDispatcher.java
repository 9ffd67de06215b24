package io.faultline.alerting;

import io.faultline.cluster.Instance;
import io.faultline.correlation.RequestContext;
import io.faultline.health.SchemaReady;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims due deliveries for this instance and sends them on the managed executor, at most
 * {@code faultline.webhook.concurrency} at a time (the set of those in flight counts them; the
 * lease keeps them from being claimed again). It looks for due deliveries every
 * {@code faultline.webhook.poll-ms} and as soon as a notification commits, so pending deliveries
 * resume by themselves after a restart. Each send runs under the correlation id of the request
 * that caused it.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Deliveries deliveries;

    @Inject
    WebhookSender sender;

    @Inject
    WebhookConfig config;

    @Inject
    Instance instance;

    private final Set<Long> sending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ReentrantLock dispatching = new ReentrantLock();
    private volatile boolean started;

    void start(@Observes SchemaReady ready) {
        sender.circuit(); // creates the sender, which registers its circuit for the operations API
        started = true;
        long poll = config.settings().pollMs();
        scheduler.scheduleWithFixedDelay(this::dispatch, 0, poll, TimeUnit.MILLISECONDS);
    }

    /** Looks for due deliveries now rather than at the next poll. */
    public void wake() {
        if (started && wakePending.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                wakePending.set(false);
                dispatch();
            });
        }
    }

    private void dispatch() {
        if (!dispatching.tryLock()) {
            return;
        }
        try {
            int free = config.settings().concurrency() - sending.size();
            if (free > 0) {
                for (SendAttempt attempt : deliveries.claim(instance.life(), free, Instant.now())) {
                    sending.add(attempt.deliveryId);
                    executor.execute(() -> send(attempt));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for due webhook deliveries; trying again at the next poll", e);
        } finally {
            dispatching.unlock();
        }
    }

    private void send(SendAttempt attempt) {
        try (RequestContext.Scope ignored = new RequestContext(attempt.correlationId, "POST", "webhook", System.nanoTime())
                .bind()) {
            Outcome outcome = sender.send(attempt);
            log(attempt, outcome);
            deliveries.settle(attempt, outcome, sender.circuit().retryAt());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the outcome of " + attempt + "; it stays pending", e);
        } finally {
            sending.remove(attempt.deliveryId);
            wake();
        }
    }

    private static void log(SendAttempt attempt, Outcome outcome) {
        Level level = outcome.kind() == Outcome.Kind.DELIVERED ? Level.INFO : Level.WARNING;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "Webhook " + attempt + ": " + outcome.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (outcome.statusCode() == null ? "" : " (" + outcome.statusCode() + ")")
                    + (outcome.reason() == null ? "" : ": " + outcome.reason()));
        }
    }
}
