package io.faultline.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Stores notifications; every one goes through here so that its deliveries are stored with it. */
@ApplicationScoped
public class Notifications {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Event<NotificationRecorded> recorded;

    /** Stores the notification in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Notification record(Notification notification) {
        em.persist(notification);
        recorded.fire(new NotificationRecorded(notification));
        return notification;
    }

    /** Stores the notification in a transaction of its own, for callers outside intake. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Notification recordAlone(Notification notification) {
        return record(notification);
    }
}
