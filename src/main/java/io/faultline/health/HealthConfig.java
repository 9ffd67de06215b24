package io.faultline.health;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.inject.Inject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of the health checks, checked when the application starts. */
@ApplicationScoped
public class HealthConfig implements ValidatedConfig {

    static final String CHECK_TIMEOUT_MS = "faultline.health.check-timeout-ms";
    static final String MIN_FREE_DISK_MB = "faultline.health.min-free-disk-mb";
    static final String DISK_PATH = "faultline.health.disk-path";
    static final String MONITOR_INTERVAL_MS = "faultline.health.monitor-interval-ms";

    @Inject
    @ConfigProperty(name = CHECK_TIMEOUT_MS, defaultValue = "1000")
    String checkTimeoutValue;

    @Inject
    @ConfigProperty(name = MIN_FREE_DISK_MB, defaultValue = "100")
    String minFreeDiskValue;

    @Inject
    @ConfigProperty(name = DISK_PATH, defaultValue = ".")
    String diskPath;

    @Inject
    @ConfigProperty(name = MONITOR_INTERVAL_MS, defaultValue = "5000")
    String monitorIntervalValue;

    private long checkTimeoutMs;
    private long monitorIntervalMs;
    private long minFreeDiskMb;
    private Path disk;

    @PostConstruct
    @Override
    public void validate() {
        checkTimeoutMs = ConfigValues.parseLong(CHECK_TIMEOUT_MS, checkTimeoutValue, 10, 60_000);
        monitorIntervalMs = ConfigValues.parseLong(MONITOR_INTERVAL_MS, monitorIntervalValue, 100, 3_600_000);
        minFreeDiskMb = ConfigValues.parseLong(MIN_FREE_DISK_MB, minFreeDiskValue, 0, Long.MAX_VALUE);
        try {
            disk = Path.of(diskPath).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalStateException(DISK_PATH + " is not a valid path");
        }
    }

    public long checkTimeoutMs() {
        return checkTimeoutMs;
    }

    /** How often readiness is evaluated to notify operators of a change. */
    public long monitorIntervalMs() {
        return monitorIntervalMs;
    }

    public long minFreeDiskMb() {
        return minFreeDiskMb;
    }

    /** The file system whose free space readiness watches: where the server keeps its data. */
    public Path disk() {
        return disk;
    }
}
