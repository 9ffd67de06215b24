package io.faultline.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the data file system has more free space than {@code faultline.health.min-free-disk-mb}. */
@Readiness
@ApplicationScoped
public class DiskSpaceReadinessCheck implements HealthCheck {

    static final String NAME = "disk";
    private static final long MB = 1024 * 1024;

    @Inject
    TimedChecks checks;

    @Inject
    HealthConfig config;

    @Override
    public HealthCheckResponse call() {
        return checks.response(NAME, this::measure);
    }

    /** Whether there is enough free space now, for the load-balancer alias. */
    public boolean isUp() {
        return checks.run(this::measure).up();
    }

    private Map<String, Object> measure() throws IOException, CheckFailed {
        long freeMb = Files.getFileStore(config.disk()).getUsableSpace() / MB;
        if (freeMb < config.minFreeDiskMb()) {
            throw new CheckFailed("free disk " + freeMb + " MB is below the minimum of " + config.minFreeDiskMb() + " MB");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("freeMb", freeMb);
        data.put("minFreeMb", config.minFreeDiskMb());
        return data;
    }
}
