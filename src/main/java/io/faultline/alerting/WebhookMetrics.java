package io.faultline.alerting;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** {@code faultline.webhook.deliveries}: attempts delivered or failed, and deliveries given up as dead. */
@ApplicationScoped
public class WebhookMetrics {

    public static final String DELIVERIES = "faultline.webhook.deliveries";

    /** What became of an attempt, or of a delivery. */
    enum Result { delivered, failed, dead }

    @Inject
    MetricRegistry registry;

    private final Map<Result, Counter> counters = new EnumMap<>(Result.class);

    @PostConstruct
    void register() {
        Metadata metadata = Metadata.builder().withName(DELIVERIES)
                .withDescription("Webhook delivery attempts that delivered or failed, and deliveries that ended dead")
                .build();
        for (Result result : Result.values()) {
            counters.put(result, registry.counter(metadata, new Tag("result", result.name())));
        }
    }

    /** Registers the series at startup, so that they are scraped as zero before the first delivery. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing is enough: it makes the container create the bean, which registers in @PostConstruct.
    }

    void count(Result result, long n) {
        counters.get(result).inc(n);
    }
}
