package io.faultline.alerting;

import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How deliveries are scheduled. The guards of each send (timeout, retries within an attempt,
 * bulkhead, circuit breaker) are Fault Tolerance annotations on {@link WebhookSender}, set
 * through their own MicroProfile Config keys.
 */
@ApplicationScoped
public class WebhookConfig implements ValidatedConfig {

    static final String PREFIX = "faultline.webhook.";

    @Inject
    @ConfigProperty(name = PREFIX + "poll-ms", defaultValue = "1000")
    String pollValue;

    @Inject
    @ConfigProperty(name = PREFIX + "max-attempts", defaultValue = "8")
    String maxAttemptsValue;

    @Inject
    @ConfigProperty(name = PREFIX + "backoff-ms", defaultValue = "2000")
    String backoffValue;

    @Inject
    @ConfigProperty(name = PREFIX + "max-backoff-ms", defaultValue = "600000")
    String maxBackoffValue;

    @Inject
    @ConfigProperty(name = PREFIX + "concurrency", defaultValue = "4")
    String concurrencyValue;

    @Inject
    @ConfigProperty(name = PREFIX + "lease-seconds", defaultValue = "60")
    String leaseValue;

    private Settings settings;

    /** The parsed values. */
    public record Settings(long pollMs, int maxAttempts, long backoffMs, long maxBackoffMs, int concurrency, long leaseSeconds) {
    }

    @PostConstruct
    @Override
    public void validate() {
        settings = new Settings(
                ConfigValues.parseLong(PREFIX + "poll-ms", pollValue, 10, 60_000),
                (int) ConfigValues.parseLong(PREFIX + "max-attempts", maxAttemptsValue, 1, 100),
                ConfigValues.parseLong(PREFIX + "backoff-ms", backoffValue, 1, 3_600_000),
                ConfigValues.parseLong(PREFIX + "max-backoff-ms", maxBackoffValue, 1, 86_400_000),
                (int) ConfigValues.parseLong(PREFIX + "concurrency", concurrencyValue, 1, 64),
                // Longer than a send can take with its timeout and retries; how long a dead instance's deliveries wait.
                ConfigValues.parseLong(PREFIX + "lease-seconds", leaseValue, 5, 3_600));
    }

    public Settings settings() {
        return settings;
    }
}
