package io.faultline.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the process can serve: no threads are deadlocked, the one condition a restart
 * cures and waiting does not.
 */
@Liveness
@ApplicationScoped
public class ThreadDeadlockLivenessCheck implements HealthCheck {

    static final String NAME = "threads";
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public HealthCheckResponse call() {
        long start = System.nanoTime();
        long[] deadlocked = threads.findDeadlockedThreads();
        int count = deadlocked == null ? 0 : deadlocked.length;
        return HealthCheckResponse.named(NAME).status(count == 0)
                .withData("deadlockedThreads", count)
                .withData("liveThreads", threads.getThreadCount())
                .withData("durationMs", (System.nanoTime() - start) / 1_000_000)
                .build();
    }
}
