package io.faultline.tracking;

import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long events are kept, and how the purge paces itself. */
@ApplicationScoped
public class RetentionConfig implements ValidatedConfig {

    static final String DAYS = "faultline.retention.days";
    static final String INTERVAL = "faultline.retention.interval-seconds";
    static final String BATCH = "faultline.retention.batch-size";

    @Inject
    @ConfigProperty(name = DAYS, defaultValue = "30")
    String daysValue;

    @Inject
    @ConfigProperty(name = INTERVAL, defaultValue = "3600")
    String intervalValue;

    @Inject
    @ConfigProperty(name = BATCH, defaultValue = "1000")
    String batchValue;

    private long days;
    private long intervalSeconds;
    private int batchSize;

    @PostConstruct
    @Override
    public void validate() {
        days = ConfigValues.parseLong(DAYS, daysValue, 0, 36_500);
        intervalSeconds = ConfigValues.parseLong(INTERVAL, intervalValue, 1, 86_400);
        batchSize = (int) ConfigValues.parseLong(BATCH, batchValue, 10, 100_000);
    }

    public long days() {
        return days;
    }

    public long intervalSeconds() {
        return intervalSeconds;
    }

    public int batchSize() {
        return batchSize;
    }
}
