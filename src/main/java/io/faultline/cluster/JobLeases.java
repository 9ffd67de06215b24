package io.faultline.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each scheduled job on one instance per interval, cluster-wide: every instance schedules it,
 * and at its time takes the job's lease row if the lease ran out; the others find it taken and
 * skip that run.
 */
@ApplicationScoped
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class.getName());

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Instance instance;

    @Inject
    JobLeases self;

    /**
     * Whether this instance runs the job now: it took the lease for {@code length}. A lease row
     * taken by another instance at the same moment, or a database that cannot say, is a no.
     */
    public boolean take(String job, Duration length) {
        try {
            return self.takeIn(job, length);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Did not take the lease of " + job, e);
            return false;
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean takeIn(String job, Duration length) {
        Instant now = Instant.now();
        int taken = em.createQuery("UPDATE JobLease l SET l.owner = :owner, l.until = :until"
                        + " WHERE l.job = :job AND l.until <= :now")
                .setParameter("owner", instance.life()).setParameter("until", now.plus(length))
                .setParameter("job", job).setParameter("now", now).executeUpdate();
        if (taken == 1) {
            return true;
        }
        if (em.find(JobLease.class, job) != null) {
            return false;
        }
        // The job's first run anywhere: two instances inserting at once conflict, and one fails.
        em.persist(new JobLease(job, instance.life(), now.plus(length)));
        em.flush();
        return true;
    }
}
