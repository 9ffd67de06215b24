package io.faultline.tracking;

import io.faultline.cluster.ClusterLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/** Stores notifications; every one goes through here so that its deliveries are stored with it. */
@ApplicationScoped
public class Notifications {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Event<NotificationRecorded> recorded;

    @Inject
    ClusterLocks locks;

    /** Stores the notification in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Notification record(Notification notification) {
        em.persist(notification);
        recorded.fire(new NotificationRecorded(notification));
        return notification;
    }

    /**
     * Stores, in a transaction of its own, an operational notification that several instances may
     * notice at once (the database went away for all of them): once for the cluster. Another
     * instance's notification of the same kind and title made within {@code window} of it, that
     * does not name this instance yet, gets this instance's name instead.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Notification recordOnce(Notification notification, String instance, Duration window) {
        locks.holdUntilCommit("notification:" + notification.kind);
        // The nearest in time that this instance did not make: an earlier change of the same kind
        // (an outage a minute before) must not take this one's instance.
        Optional<Notification> same = em.createQuery("SELECT n FROM Notification n WHERE n.kind = :kind AND n.title = :title"
                        + " AND n.createdAt BETWEEN :from AND :to", Notification.class)
                .setParameter("kind", notification.kind).setParameter("title", notification.title)
                .setParameter("from", notification.createdAt.minus(window))
                .setParameter("to", notification.createdAt.plus(window)).getResultList().stream()
                .filter(n -> !n.instances().contains(instance))
                .min(Comparator.comparing(n -> Duration.between(n.createdAt, notification.createdAt).abs()));
        if (same.isPresent() && same.get().seenBy(instance)) {
            return same.get();
        }
        notification.seenBy(instance);
        return record(notification);
    }
}
