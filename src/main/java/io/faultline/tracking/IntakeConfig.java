package io.faultline.tracking;

import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Bounds and pace of error intake, checked when the application starts. */
@ApplicationScoped
public class IntakeConfig implements ValidatedConfig {

    static final String PREFIX = "faultline.ingest.";

    @Inject
    @ConfigProperty(name = PREFIX + "rate-per-second", defaultValue = "200")
    String ratePerSecondValue;

    @Inject
    @ConfigProperty(name = PREFIX + "burst", defaultValue = "400")
    String burstValue;

    @Inject
    @ConfigProperty(name = PREFIX + "max-message-length", defaultValue = "8192")
    String maxMessageValue;

    @Inject
    @ConfigProperty(name = PREFIX + "max-string-length", defaultValue = "1024")
    String maxStringValue;

    @Inject
    @ConfigProperty(name = PREFIX + "max-tags", defaultValue = "50")
    String maxTagsValue;

    @Inject
    @ConfigProperty(name = PREFIX + "max-frames", defaultValue = "100")
    String maxFramesValue;

    @Inject
    @ConfigProperty(name = PREFIX + "max-batch", defaultValue = "100")
    String maxBatchValue;

    @Inject
    @ConfigProperty(name = PREFIX + "queue-capacity", defaultValue = "20000")
    String queueCapacityValue;

    @Inject
    @ConfigProperty(name = PREFIX + "commit-batch", defaultValue = "500")
    String commitBatchValue;

    @Inject
    @ConfigProperty(name = PREFIX + "ack-timeout-ms", defaultValue = "5000")
    String ackTimeoutValue;

    private Limits limits;

    /** The parsed values; read them through {@link #limits()}, never as fields of the proxy. */
    public record Limits(long ratePerSecond, long burst, int maxMessage, int maxString, int maxTags, int maxFrames,
                         int maxBatch, int queueCapacity, int commitBatch, long ackTimeoutMs) {
    }

    @PostConstruct
    @Override
    public void validate() {
        limits = new Limits(
                ConfigValues.parseLong(PREFIX + "rate-per-second", ratePerSecondValue, 1, 1_000_000),
                ConfigValues.parseLong(PREFIX + "burst", burstValue, 1, 10_000_000),
                (int) ConfigValues.parseLong(PREFIX + "max-message-length", maxMessageValue, 16, 1_000_000),
                (int) ConfigValues.parseLong(PREFIX + "max-string-length", maxStringValue, 16, 100_000),
                (int) ConfigValues.parseLong(PREFIX + "max-tags", maxTagsValue, 0, 1000),
                (int) ConfigValues.parseLong(PREFIX + "max-frames", maxFramesValue, 0, 10_000),
                (int) ConfigValues.parseLong(PREFIX + "max-batch", maxBatchValue, 1, 10_000),
                (int) ConfigValues.parseLong(PREFIX + "queue-capacity", queueCapacityValue, 100, 10_000_000),
                (int) ConfigValues.parseLong(PREFIX + "commit-batch", commitBatchValue, 1, 10_000),
                ConfigValues.parseLong(PREFIX + "ack-timeout-ms", ackTimeoutValue, 100, 60_000));
    }

    public Limits limits() {
        return limits;
    }
}
