package io.faultline.health;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
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

    @Inject
    @ConfigProperty(name = CHECK_TIMEOUT_MS, defaultValue = "1000")
    long checkTimeoutMs;

    @Inject
    @ConfigProperty(name = MIN_FREE_DISK_MB, defaultValue = "100")
    long minFreeDiskMb;

    @Inject
    @ConfigProperty(name = DISK_PATH, defaultValue = ".")
    String diskPath;

    private Path disk;

    @PostConstruct
    @Override
    public void validate() {
        if (checkTimeoutMs < 10 || checkTimeoutMs > 60_000) {
            throw new IllegalStateException(CHECK_TIMEOUT_MS + " must be between 10 and 60000, was " + checkTimeoutMs);
        }
        if (minFreeDiskMb < 0) {
            throw new IllegalStateException(MIN_FREE_DISK_MB + " must be 0 or more, was " + minFreeDiskMb);
        }
        try {
            disk = Path.of(diskPath).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalStateException(DISK_PATH + " is not a valid path");
        }
    }

    public long checkTimeoutMs() {
        return checkTimeoutMs;
    }

    public long minFreeDiskMb() {
        return minFreeDiskMb;
    }

    /** The file system whose free space readiness watches: where the server keeps its data. */
    public Path disk() {
        return disk;
    }
}
