package io.faultline.tracking;

import io.faultline.cluster.ClusterBus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores many requests' events in one transaction: finds or creates each group, then inserts
 * the events and moves each group's counters once, in the database ({@code count = count + n}),
 * so the counts stay exact whoever else writes ({@link EventRows}). Counters carry no version:
 * a triage change and intake never conflict. New groups, regressions and alert rule crossings
 * are notified in the same transaction, so a notification and its webhook deliveries commit
 * with the events.
 */
@ApplicationScoped
public class EventBatches {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    EventRows rows;

    @Inject
    Notifications notifier;

    @Inject
    Event<EventsStored> stored;

    @Inject
    ClusterBus cluster;

    /**
     * What a batch created: groups (key to id), to remember once committed, and notifications;
     * and the events that were not stored because the project already had them, each with
     * where its first copy was stored.
     */
    record Result(Map<String, Long> createdGroups, List<Notification> notifications,
                  Map<PendingEvent, PendingEvent.Stored> duplicates) {
    }

    /** Persists the batch; the caller may remember the created groups once the transaction has committed. */
    @Transactional
    public Result persist(List<PendingEvent> batch, KnownGroups knownGroups) {
        Map<PendingEvent, PendingEvent> repeats = new IdentityHashMap<>();
        Map<String, PendingEvent.Stored> storedBefore = storedBefore(batch, repeats);
        List<PendingEvent> fresh = batch.stream()
                .filter(p -> !repeats.containsKey(p) && !storedBefore.containsKey(eventKey(p))).toList();
        Map<String, Long> created = new HashMap<>();
        List<Notification> notifications = new ArrayList<>();
        Map<Long, PendingEvent> newestEvent = new HashMap<>();
        List<ErrorEvent> events = new ArrayList<>(fresh.size());
        for (PendingEvent pending : fresh) {
            String key = GroupKey.of(pending.projectId(), pending.fingerprint());
            Long groupId = knownGroups.get(key);
            if (groupId == null) {
                groupId = created.get(key);
            }
            if (groupId == null) {
                groupId = findOrCreate(pending, notifications);
                created.put(key, groupId);
            }
            pending.event().groupId = groupId;
            events.add(pending.event());
            newestEvent.put(groupId, pending);
        }
        if (!fresh.isEmpty()) {
            // New groups first: the events count into them.
            em.flush();
            rows.insert(events);
            reopenRegressions(newestEvent, fresh, notifications);
            stored.fire(new EventsStored(fresh.stream().map(p -> new EventsStored.Stored(p.projectId(), p.event().level,
                    p.event().code, p.event().receivedAt, p.event().correlationId)).toList(),
                    alert -> notifications.add(notifier.record(alert))));
        }
        // The other instances' live viewers hear of the commit from it, not before and not on rollback.
        cluster.committed(events.stream().map(ErrorEvent::id).toList(), notifications.stream().map(Notification::id).toList());
        Map<PendingEvent, PendingEvent.Stored> duplicates = new IdentityHashMap<>();
        for (PendingEvent pending : batch) {
            PendingEvent first = repeats.getOrDefault(pending, pending);
            PendingEvent.Stored before = storedBefore.get(eventKey(first));
            if (before != null) {
                duplicates.put(pending, before);
            } else if (first != pending) {
                duplicates.put(pending, new PendingEvent.Stored(first.event().id, first.event().groupId, true));
            }
        }
        return new Result(created, notifications, duplicates);
    }

    /**
     * Where the project already stored events of the batch, by event id; fills {@code repeats}
     * with each event whose id an earlier event of the same batch has, mapped to that one.
     */
    private Map<String, PendingEvent.Stored> storedBefore(List<PendingEvent> batch, Map<PendingEvent, PendingEvent> repeats) {
        Map<String, PendingEvent> firsts = new HashMap<>();
        for (PendingEvent pending : batch) {
            if (pending.event().eventId != null) {
                PendingEvent first = firsts.putIfAbsent(eventKey(pending), pending);
                if (first != null) {
                    repeats.put(pending, first);
                }
            }
        }
        if (firsts.isEmpty()) {
            return Map.of();
        }
        // The unique index on (event id, project) answers each query.
        Map<Long, Set<String>> idsByProject = firsts.values().stream().collect(Collectors.groupingBy(
                PendingEvent::projectId, Collectors.mapping(p -> p.event().eventId, Collectors.toSet())));
        Map<String, PendingEvent.Stored> found = new HashMap<>();
        idsByProject.forEach((project, ids) -> em.createQuery("SELECT e.eventId, e.id, e.groupId FROM ErrorEvent e"
                        + " WHERE e.eventId IN :ids AND e.projectId = :project", Object[].class)
                .setParameter("project", project).setParameter("ids", ids).getResultList()
                .forEach(row -> found.put(project + ":" + row[0], new PendingEvent.Stored((Long) row[1], (Long) row[2], true))));
        return found;
    }

    private static String eventKey(PendingEvent pending) {
        return pending.projectId() + ":" + pending.event().eventId;
    }

    /**
     * A resolved group that receives an event is open again, and says so, unless it was
     * resolved in a release and every new event comes from an older one.
     */
    private void reopenRegressions(Map<Long, PendingEvent> touched, List<PendingEvent> batch,
                                   List<Notification> notifications) {
        List<ErrorGroup> resolved = em.createQuery("SELECT g FROM ErrorGroup g WHERE g.id IN :ids AND g.status = :resolved",
                        ErrorGroup.class)
                .setParameter("ids", touched.keySet()).setParameter("resolved", ErrorGroup.Status.resolved.name())
                .getResultList();
        for (ErrorGroup group : resolved) {
            boolean regressed = batch.stream().filter(p -> group.id.equals(p.event().groupId))
                    .anyMatch(p -> !Releases.isOlder(p.event().release, group.resolvedInRelease));
            if (regressed) {
                PendingEvent cause = touched.get(group.id);
                group.status = ErrorGroup.Status.unresolved.name();
                Notification regression = new Notification(Notification.Kind.regression,
                        Notification.severityOf(group.level), "Regression: " + group.title, group.projectId, group.id,
                        cause.event().correlationId);
                notifications.add(notifier.record(regression));
            }
        }
    }

    private Long findOrCreate(PendingEvent pending, List<Notification> notifications) {
        List<Long> found = em.createQuery("SELECT g.id FROM ErrorGroup g WHERE g.projectId = :p AND g.fingerprint = :f",
                        Long.class)
                .setParameter("p", pending.projectId()).setParameter("f", pending.fingerprint()).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        ErrorGroup group = new ErrorGroup(pending.projectId(), pending.fingerprint(), pending.title(),
                pending.event().level, pending.event().receivedAt);
        em.persist(group);
        Notification fresh = new Notification(Notification.Kind.new_group, Notification.severityOf(group.level),
                "New error: " + group.title, group.projectId, group.id, pending.event().correlationId);
        notifications.add(notifier.record(fresh));
        return group.id();
    }

    /** The key under which a group is remembered. */
    static final class GroupKey {
        private GroupKey() {
        }

        static String of(long projectId, String fingerprint) {
            return projectId + ":" + fingerprint;
        }
    }
}
