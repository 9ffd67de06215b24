package io.faultline.alerting;

import io.faultline.cluster.Instance;
import io.faultline.correlation.RequestContext;
import io.faultline.health.ReadinessChanged;
import io.faultline.resilience.Circuit;
import io.faultline.resilience.CircuitTransition;
import io.faultline.tracking.Notification;
import io.faultline.tracking.Notifications;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notifies a circuit opening or closing and a readiness change. They are stored off the thread
 * that noticed them, and kept and tried again while the database cannot take them (a readiness
 * change is often the database going away), oldest first. Each names the instances that
 * noticed it: several instances noticing the same change make one notification.
 */
@ApplicationScoped
public class OperationalNotifications {

    private static final Logger LOG = Logger.getLogger(OperationalNotifications.class.getName());
    private static final long RETRY_MS = 2000;
    private static final int MAX_KEPT = 1000;
    /**
     * Instances that notice the same change this close together noticed one change (a database
     * outage): a few of the readiness monitor's intervals (5 s by default) and check budgets.
     */
    private static final Duration SAME_CHANGE = Duration.ofSeconds(20);

    @Inject
    Notifications notifications;

    @Inject
    Instance instance;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Queue<Notification> unsaved = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();

    void circuit(@Observes CircuitTransition transition) {
        if (transition.to() == Circuit.State.open && transition.from() == Circuit.State.closed) {
            keep(new Notification(Notification.Kind.circuit, Notification.Severity.error,
                    "Circuit " + transition.circuit() + " opened: calls are refused until it closes", null, null,
                    RequestContext.currentCorrelationId()));
        } else if (transition.to() == Circuit.State.closed) {
            keep(new Notification(Notification.Kind.circuit, Notification.Severity.info,
                    "Circuit " + transition.circuit() + " closed", null, null, RequestContext.currentCorrelationId()));
        }
    }

    void readiness(@Observes ReadinessChanged change) {
        keep(change.ready()
                ? new Notification(Notification.Kind.readiness, Notification.Severity.info, "Ready again", null, null, null)
                : new Notification(Notification.Kind.readiness, Notification.Severity.critical,
                        "Not ready: " + String.join(", ", change.failing()) + " failing", null, null, null));
    }

    private void keep(Notification notification) {
        if (unsaved.size() >= MAX_KEPT) {
            LOG.warning("Too many notifications wait for the database; dropping a " + notification.kind() + " notification");
            return;
        }
        unsaved.add(notification);
        scheduler.execute(this::store);
    }

    private synchronized void store() {
        Notification next;
        while ((next = unsaved.peek()) != null) {
            try {
                notifications.recordOnce(next, instance.id(), SAME_CHANGE);
                unsaved.remove();
            } catch (RuntimeException e) {
                // One retry at a time, however many notifications wait.
                if (retryScheduled.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, unsaved.size() + " notification(s) wait for the database; trying again in "
                            + RETRY_MS + " ms", e);
                    scheduler.schedule(() -> {
                        retryScheduled.set(false);
                        store();
                    }, RETRY_MS, TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
    }
}
