package io.faultline.tracking;

import io.faultline.cluster.JobLeases;
import io.faultline.correlation.RequestContext;
import io.faultline.health.SchemaReady;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes events older than {@code faultline.retention.days}, every
 * {@code faultline.retention.interval-seconds}, in transactions of at most
 * {@code faultline.retention.batch-size} events so that intake never waits long on it. Groups
 * keep their counts and first and last seen. Every instance schedules it; one runs it each time.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    private static final String JOB = "retention";

    @Inject
    RetentionConfig config;

    @Inject
    Retention self;

    @Inject
    JobLeases leases;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    void schedule(@Observes SchemaReady ready) {
        scheduler.scheduleWithFixedDelay(this::purge, config.intervalSeconds(), config.intervalSeconds(), TimeUnit.SECONDS);
    }

    void purge() {
        // One run per interval on the whole cluster: the instance whose turn it is.
        if (!leases.take(JOB, Duration.ofMillis(config.intervalSeconds() * 900L))) {
            return;
        }
        try (RequestContext.Scope ignored = RequestContext.background("retention").bind()) {
            Instant cutoff = Instant.now().minus(Duration.ofDays(config.days()));
            long deleted = 0;
            int last;
            do {
                last = self.deleteBatch(cutoff, config.batchSize());
                deleted += last;
            } while (last == config.batchSize());
            // Every run says so, none or many: on several instances, one of them runs each interval.
            LOG.info("Retention deleted " + deleted + " events received before " + cutoff);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retention could not delete old events; it tries again at its next run", e);
        }
    }

    @Transactional
    public int deleteBatch(Instant cutoff, int size) {
        List<Long> ids = em.createQuery("SELECT e.id FROM ErrorEvent e WHERE e.receivedAt < :cutoff ORDER BY e.id", Long.class)
                .setParameter("cutoff", cutoff).setMaxResults(size).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM ErrorEvent e WHERE e.id IN :ids").setParameter("ids", ids).executeUpdate();
    }
}
