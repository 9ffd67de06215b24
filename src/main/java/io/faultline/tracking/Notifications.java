package io.faultline.tracking;

import io.faultline.cluster.ClusterLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;

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
        for (Notification same : em.createQuery("SELECT n FROM Notification n WHERE n.kind = :kind AND n.title = :title"
                        + " AND n.createdAt BETWEEN :from AND :to ORDER BY n.createdAt, n.id", Notification.class)
                .setParameter("kind", notification.kind).setParameter("title", notification.title)
                .setParameter("from", notification.createdAt.minus(window))
                .setParameter("to", notification.createdAt.plus(window)).getResultList()) {
            if (same.seenBy(instance)) {
                return same;
            }
        }
        notification.seenBy(instance);
        return record(notification);
    }
}
