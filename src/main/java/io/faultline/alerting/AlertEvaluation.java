package io.faultline.alerting;

import io.faultline.tracking.EventsStored;
import io.faultline.tracking.Notification;
import io.faultline.tracking.ProjectDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates the alert rules of the projects a batch touched, inside the intake transaction:
 * the window is counted in the database (events just flushed included), and a crossing is
 * stored on the rule, so the state survives restarts. The rule's row is locked while it is
 * evaluated, so no two evaluations of a rule overlap, on one instance or several.
 */
@ApplicationScoped
public class AlertEvaluation {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    void evaluate(@Observes EventsStored stored) {
        Set<Long> projects = stored.events().stream().map(EventsStored.Stored::projectId).collect(Collectors.toSet());
        // Locked until the commit, in one order everywhere: an instance evaluating a rule waits for
        // another's evaluation to commit, then counts its events too and sees whether it fired.
        for (AlertRule rule : em.createQuery("SELECT r FROM AlertRule r WHERE r.projectId IN :projects ORDER BY r.id",
                        AlertRule.class)
                .setParameter("projects", projects).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            stored.events().stream().filter(e -> rule.matches(e.projectId(), e.level(), e.code()))
                    .reduce((first, second) -> second)
                    .ifPresent(latest -> evaluate(rule, latest, stored));
        }
    }

    /** The rules of a deleted project go with it. */
    void forget(@Observes ProjectDeleted deleted) {
        em.createQuery("DELETE FROM AlertRule r WHERE r.projectId = :project")
                .setParameter("project", deleted.projectId()).executeUpdate();
    }

    private void evaluate(AlertRule rule, EventsStored.Stored latest, EventsStored stored) {
        Instant now = Instant.now();
        long count = countInWindow(rule, now);
        if (count >= rule.threshold && rule.firingSince == null) {
            rule.firingSince = now;
            stored.notifier().accept(new Notification(Notification.Kind.alert, Notification.severityOf(rule.minLevel),
                    "Alert rule " + rule.id + ": " + count + " events at or above " + rule.minLevel
                            + (rule.code == null ? "" : " with code " + rule.code) + " within "
                            + rule.windowSeconds + " s (threshold " + rule.threshold + ")",
                    rule.projectId, null, latest.correlationId()));
        } else if (count < rule.threshold && rule.firingSince != null) {
            rule.firingSince = null;
        }
    }

    private long countInWindow(AlertRule rule, Instant now) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(e) FROM ErrorEvent e WHERE e.projectId = :project"
                        + " AND e.receivedAt > :since AND e.level IN :levels"
                        + (rule.code == null ? "" : " AND e.code = :code"), Long.class)
                .setParameter("project", rule.projectId)
                .setParameter("since", now.minusSeconds(rule.windowSeconds))
                .setParameter("levels", rule.levels());
        if (rule.code != null) {
            query.setParameter("code", rule.code);
        }
        return query.getSingleResult();
    }
}
