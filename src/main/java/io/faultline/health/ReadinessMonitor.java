package io.faultline.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Evaluates readiness every {@code faultline.health.monitor-interval-ms} (and whenever asked)
 * and announces each change after the first time it was ready, so that operators hear of a
 * readiness change even when nothing is probing.
 */
@ApplicationScoped
public class ReadinessMonitor {

    private static final Logger LOG = Logger.getLogger(ReadinessMonitor.class.getName());
    private static final long STARTUP_POLL_MS = 200;
    public static final String READY = "faultline.ready";

    @Inject
    @Readiness
    DatabaseReadinessCheck database;

    @Inject
    @Readiness
    DiskSpaceReadinessCheck disk;

    @Inject
    ApplicationState application;

    @Inject
    HealthConfig config;

    @Inject
    Event<ReadinessChanged> changes;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry registry;

    private Boolean lastReady;

    /** {@code faultline.ready}: 1 while the last evaluation found the application ready, else 0. */
    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName(READY)
                .withDescription("1 while Faultline is ready (the readiness checks pass), 0 while it is not").build(),
                this, monitor -> monitor.isReady() ? 1 : 0);
    }

    /** Registers the gauge at startup, so that a scrape before the first evaluation reads 0, not nothing. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing is enough: it makes the container create the bean, which registers in @PostConstruct.
    }

    private synchronized boolean isReady() {
        return Boolean.TRUE.equals(lastReady);
    }

    /** Whether the application is ready, and which checks fail if it is not. */
    public record Result(boolean ready, List<String> failing) {
    }

    void start(@Observes SchemaReady ready) {
        scheduler.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    }

    /** Until the application has been ready once, looks often, so that the first change is not missed. */
    private void tick() {
        evaluateQuietly();
        long next = hasBeenReady() ? config.monitorIntervalMs() : Math.min(config.monitorIntervalMs(), STARTUP_POLL_MS);
        scheduler.schedule(this::tick, next, TimeUnit.MILLISECONDS);
    }

    private synchronized boolean hasBeenReady() {
        return lastReady != null;
    }

    /** Runs the readiness checks now, each within its budget. */
    public Result evaluate() {
        List<String> failing = new ArrayList<>();
        if (!application.isUp()) {
            failing.add(ApplicationState.NAME);
        }
        if (!database.isUp()) {
            failing.add(DatabaseReadinessCheck.NAME);
        }
        if (!disk.isUp()) {
            failing.add(DiskSpaceReadinessCheck.NAME);
        }
        Result readiness = new Result(failing.isEmpty(), List.copyOf(failing));
        if (changed(readiness.ready())) {
            changes.fire(new ReadinessChanged(readiness.ready(), readiness.failing(), Instant.now()));
        }
        return readiness;
    }

    private synchronized boolean changed(boolean ready) {
        boolean changed = lastReady != null && lastReady != ready;
        if (lastReady != null || ready) {
            lastReady = ready;
        }
        return changed;
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Readiness could not be evaluated", e);
        }
    }
}
