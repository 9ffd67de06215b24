package io.faultline.tracking;

import io.faultline.problem.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** {@code faultline.events.ingested} by result: every reported event ends as exactly one of them. */
@ApplicationScoped
public class IngestMetrics {

    public static final String INGESTED = "faultline.events.ingested";

    /** What became of a reported event. */
    public enum Result { ACCEPTED, REJECTED, RATE_LIMITED, SHED }

    @Inject
    MetricRegistry registry;

    private final Map<Result, Counter> counters = new EnumMap<>(Result.class);

    @PostConstruct
    void register() {
        Metadata metadata = Metadata.builder().withName(INGESTED)
                .withDescription("Reported events, by result: accepted, rejected, rate_limited or shed").build();
        for (Result result : Result.values()) {
            counters.put(result, registry.counter(metadata, new Tag("result", result.name().toLowerCase(Locale.ROOT))));
        }
    }

    /** Registers the series at startup, so that they are scraped as zero before first use. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing is enough: it makes the container create the bean, which registers in @PostConstruct.
    }

    public void count(Result result, long events) {
        counters.get(result).inc(events);
    }

    /** The result a refused report counts as. */
    static Result resultOf(ErrorCode code) {
        return switch (code) {
            case RATE_LIMITED -> Result.RATE_LIMITED;
            case SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, TIMEOUT -> Result.SHED;
            default -> Result.REJECTED;
        };
    }
}
