package io.faultline.tracking;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code faultline.events.ingested} by result and by the API that received it: every reported
 * event ends as exactly one result; an item of a Sentry envelope that is no event (a session, a
 * transaction, an attachment) is accepted and counted as {@code discarded}, never stored.
 */
@ApplicationScoped
public class IngestMetrics {

    public static final String INGESTED = "faultline.events.ingested";

    /** What became of a reported event. */
    public enum Result { ACCEPTED, DUPLICATE, REJECTED, RATE_LIMITED, SHED, DISCARDED }

    /** The API an event came in through. */
    public enum Api { FAULTLINE, SENTRY }

    @Inject
    MetricRegistry registry;

    private final Map<Api, Map<Result, Counter>> counters = new EnumMap<>(Api.class);

    @PostConstruct
    void register() {
        Metadata metadata = Metadata.builder().withName(INGESTED)
                .withDescription("Reported events, by result (accepted, duplicate, rejected, rate_limited, shed, discarded) and API")
                .build();
        for (Api api : Api.values()) {
            Map<Result, Counter> byResult = new EnumMap<>(Result.class);
            for (Result result : Result.values()) {
                byResult.put(result, registry.counter(metadata, new Tag("result", result.name().toLowerCase(Locale.ROOT)),
                        new Tag("api", api.name().toLowerCase(Locale.ROOT))));
            }
            counters.put(api, byResult);
        }
    }

    /** Registers the series at startup, so that they are scraped as zero before first use. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing is enough: it makes the container create the bean, which registers in @PostConstruct.
    }

    public void count(Api api, Result result, long events) {
        counters.get(api).get(result).inc(events);
    }

    /**
     * Runs a report of this many events and counts them under the result they had: accepted,
     * or duplicate for each the project had already stored, or the refusal's result for all.
     */
    public Intake.Accepted counted(Api api, int events, Supplier<Intake.Accepted> report) {
        try {
            Intake.Accepted accepted = report.get();
            long duplicates = accepted.stored().stream().filter(PendingEvent.Stored::duplicate).count();
            count(api, Result.ACCEPTED, accepted.stored().size() - duplicates);
            count(api, Result.DUPLICATE, duplicates);
            return accepted;
        } catch (ProblemException refused) {
            count(api, resultOf(refused.code()), events);
            throw refused;
        } catch (RuntimeException failed) {
            count(api, Result.SHED, events);
            throw failed;
        }
    }

    /** The result a refused report counts as. */
    public static Result resultOf(ErrorCode code) {
        return switch (code) {
            case RATE_LIMITED -> Result.RATE_LIMITED;
            case SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, TIMEOUT -> Result.SHED;
            default -> Result.REJECTED;
        };
    }
}
