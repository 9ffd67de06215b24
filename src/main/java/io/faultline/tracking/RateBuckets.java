package io.faultline.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The projects' buckets in the database: instances lease tokens from them in small chunks, each
 * lease a short transaction on the project's locked row.
 */
@ApplicationScoped
public class RateBuckets {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    /** Tokens leased, and those the bucket still holds for every instance. */
    record Lease(long granted, long left) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Lease lease(long projectId, long wanted, long ratePerSecond, long burst) {
        RateBucket bucket = em.find(RateBucket.class, projectId, LockModeType.PESSIMISTIC_WRITE);
        // The time once the row is ours: read before, while another instance held it, the time
        // that instance already refilled for would be refilled for again.
        Instant now = Instant.now();
        if (bucket == null) {
            // The project's first event anywhere; two instances inserting it at once conflict, and
            // the caller's second try finds the row.
            bucket = new RateBucket(projectId, burst, now);
            em.persist(bucket);
        }
        long granted = bucket.take(wanted, now, ratePerSecond, burst);
        return new Lease(granted, (long) Math.floor(bucket.tokens));
    }

    /** What the bucket holds now, for every instance; a project that never sent has a full one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long available(long projectId, long ratePerSecond, long burst) {
        RateBucket bucket = em.find(RateBucket.class, projectId);
        return bucket == null ? burst : (long) Math.floor(bucket.tokensAt(Instant.now(), ratePerSecond, burst));
    }

    /** A deleted project's bucket goes with it. */
    void forget(@Observes ProjectDeleted deleted) {
        em.createQuery("DELETE FROM RateBucket b WHERE b.projectId = :project")
                .setParameter("project", deleted.projectId()).executeUpdate();
    }
}
