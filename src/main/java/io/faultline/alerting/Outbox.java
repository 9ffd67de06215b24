package io.faultline.alerting;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.tracking.Notification;
import io.faultline.tracking.NotificationRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * The outbox: a delivery row for every webhook that wants a notification, stored in the
 * notification's own transaction; nothing is sent until both have committed.
 */
@ApplicationScoped
public class Outbox {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    DeliveryDispatcher dispatcher;

    void enqueue(@Observes NotificationRecorded recorded) {
        Notification notification = recorded.notification();
        List<Webhook> receivers = em.createQuery("SELECT w FROM Webhook w WHERE w.disabledAt IS NULL", Webhook.class)
                .getResultStream().filter(w -> w.wants(notification.kind())).toList();
        if (receivers.isEmpty()) {
            return;
        }
        String type = "notification." + notification.kind();
        JsonObject data = notification.toJson();
        String payload = JSON.createObjectBuilder().add("type", type)
                .add("timestamp", data.getString("createdAt")).add("data", data).build().toString();
        for (Webhook webhook : receivers) {
            em.persist(new Delivery(webhook.id, notification.id(), "msg_" + UUID.randomUUID().toString().replace("-", ""),
                    type, payload, notification.correlationId()));
        }
    }

    void sendSoon(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationRecorded recorded) {
        dispatcher.wake();
    }
}
