package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.cluster.ClusterMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Events as the live feed shows them: the JSON of one, and those committed since a given event
 * for a client that reconnects, and those another instance committed. An instance's one writer
 * gives its ids in commit order, so "since" is "after in id"; across instances, which take ids in
 * blocks of their own, it is not (docs/operations.md, several instances).
 */
@ApplicationScoped
@Transactional
public class LiveEvents {

    /** How long the replay's queries may take before the client is told it cannot have them. */
    private static final int QUERY_TIMEOUT_MS = 5_000;

    /** What an event of the feed is made of, in the order {@link #json(Object[])} reads it. */
    private static final String COLUMNS = "SELECT e.id, e.groupId, e.projectId, e.level, e.message, e.receivedAt, e.correlationId";

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    jakarta.enterprise.event.Event<Committed> committed;

    /** The newest events after one, at most {@code limit}, oldest first, and how many older ones did not fit. */
    public record Since(List<Event> events, long skipped) {
    }

    /** An event of the feed: its id, to place it, and its JSON. */
    public record Event(long id, String json) {
    }

    /**
     * The events with ids above {@code after} of the projects and levels given (each empty for
     * all), the newest {@code limit} of them.
     */
    public Since since(long after, Set<Long> projects, Set<String> levels, int limit) {
        String where = " FROM ErrorEvent e WHERE e.id > :after"
                + (projects.isEmpty() ? "" : " AND e.projectId IN :projects")
                + (levels.isEmpty() ? "" : " AND e.level IN :levels");
        List<Object[]> rows = bind(em.createQuery(COLUMNS + where + " ORDER BY e.id DESC", Object[].class), after, projects, levels)
                .setMaxResults(limit).getResultList();
        List<Event> events = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            events.add(new Event((Long) row[0], json(row)));
        }
        Collections.reverse(events);
        long skipped = 0;
        if (events.size() == limit) {
            skipped = bind(em.createQuery("SELECT COUNT(e)" + where + " AND e.id < :oldest", Long.class),
                    after, projects, levels).setParameter("oldest", events.get(0).id()).getSingleResult();
        }
        return new Since(events, skipped);
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, long after, Set<Long> projects, Set<String> levels) {
        query.setParameter("after", after).setHint("jakarta.persistence.query.timeout", QUERY_TIMEOUT_MS);
        if (!projects.isEmpty()) {
            query.setParameter("projects", projects);
        }
        if (!levels.isEmpty()) {
            query.setParameter("levels", levels);
        }
        return query;
    }

    /**
     * Hands what another instance committed to this one's live viewers, as if committed here:
     * the announcement carries ids, the rows are read here, committed as they are.
     */
    void relay(@Observes ClusterMessage.Committed commit) {
        List<Committed.Item> items = new ArrayList<>(commit.events().size() + commit.notifications().size());
        if (!commit.events().isEmpty()) {
            for (Object[] row : em.createQuery(COLUMNS + " FROM ErrorEvent e WHERE e.id IN :ids ORDER BY e.id", Object[].class)
                    .setParameter("ids", commit.events()).setHint("jakarta.persistence.query.timeout", QUERY_TIMEOUT_MS)
                    .getResultList()) {
                String json = json(row);
                items.add(new Committed.Item((Long) row[0], (Long) row[2], (String) row[3], "event", () -> json));
            }
        }
        if (!commit.notifications().isEmpty()) {
            for (Notification notification : em.createQuery("SELECT n FROM Notification n WHERE n.id IN :ids ORDER BY n.id",
                    Notification.class).setParameter("ids", commit.notifications()).getResultList()) {
                String json = notification.toJson().toString();
                items.add(new Committed.Item(notification.id(), notification.projectId, null, "notification", () -> json));
            }
        }
        if (!items.isEmpty()) {
            committed.fire(new Committed(items));
        }
    }

    /** How many events were received since then, on any instance. */
    public long countSince(Instant since) {
        return em.createQuery("SELECT COUNT(e) FROM ErrorEvent e WHERE e.receivedAt >= :since", Long.class)
                .setParameter("since", since).setHint("jakarta.persistence.query.timeout", QUERY_TIMEOUT_MS)
                .getSingleResult();
    }

    private static String json(Object[] row) {
        return json((Long) row[0], (Long) row[1], (Long) row[2], (String) row[3], (String) row[4], (Instant) row[5],
                (String) row[6]);
    }

    /** The event as one element of an {@code events} frame. */
    static String json(ErrorEvent event) {
        return json(event.id, event.groupId, event.projectId, event.level, event.message, event.receivedAt, event.correlationId);
    }

    private static String json(long id, long groupId, long projectId, String level, String message, Instant receivedAt,
                               String correlationId) {
        return JSON.createObjectBuilder().add("id", Long.toString(id)).add("groupId", Long.toString(groupId))
                .add("projectId", Long.toString(projectId)).add("level", level).add("message", message)
                .add("receivedAt", receivedAt.toString()).add("correlationId", correlationId == null ? "" : correlationId)
                .build().toString();
    }
}
