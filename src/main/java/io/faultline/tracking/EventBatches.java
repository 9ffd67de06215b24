package io.faultline.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores many requests' events in one transaction: finds or creates each group, inserts the
 * events, and moves each group's counters once, in the database ({@code count = count + n}),
 * so the counts stay exact whoever else writes.
 */
@ApplicationScoped
public class EventBatches {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    /**
     * Persists the batch and returns the groups it created (key to id), which the caller may
     * remember once the transaction has committed.
     */
    @Transactional
    public Map<String, Long> persist(List<PendingEvent> batch, Map<String, Long> knownGroups) {
        Map<String, Long> created = new HashMap<>();
        Map<Long, long[]> counts = new LinkedHashMap<>();
        Map<Long, Instant> lastSeen = new HashMap<>();
        for (PendingEvent pending : batch) {
            String key = GroupKey.of(pending.projectId(), pending.fingerprint());
            Long groupId = knownGroups.get(key);
            if (groupId == null) {
                groupId = created.get(key);
            }
            if (groupId == null) {
                groupId = findOrCreate(pending);
                created.put(key, groupId);
            }
            ErrorEvent event = pending.event();
            event.groupId = groupId;
            em.persist(event);
            counts.computeIfAbsent(groupId, id -> new long[1])[0]++;
            lastSeen.merge(groupId, event.receivedAt, (a, b) -> a.isAfter(b) ? a : b);
        }
        em.flush();
        counts.forEach((groupId, n) -> em.createQuery("UPDATE ErrorGroup g SET g.eventCount = g.eventCount + :n, "
                        + "g.lastSeen = :seen, g.version = g.version + 1 WHERE g.id = :id")
                .setParameter("n", n[0]).setParameter("seen", lastSeen.get(groupId)).setParameter("id", groupId)
                .executeUpdate());
        return created;
    }

    private Long findOrCreate(PendingEvent pending) {
        List<Long> found = em.createQuery("SELECT g.id FROM ErrorGroup g WHERE g.projectId = :p AND g.fingerprint = :f",
                        Long.class)
                .setParameter("p", pending.projectId()).setParameter("f", pending.fingerprint()).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        ErrorGroup group = new ErrorGroup(pending.projectId(), pending.fingerprint(), pending.title(),
                pending.event().level, pending.event().receivedAt);
        em.persist(group);
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
