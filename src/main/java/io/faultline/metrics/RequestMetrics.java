package io.faultline.metrics;

import io.faultline.correlation.RequestCompleted;
import io.faultline.correlation.RequestStarted;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The request metrics of contract section 4: a timer per method, route template and status,
 * the requests in flight, and every problem response by code and route. Every tag is bounded:
 * routes are templates ({@code UNMATCHED} when none matched), methods outside the standard
 * set count as {@code OTHER}.
 */
@ApplicationScoped
public class RequestMetrics {

    public static final String REQUESTS = "http.server.requests";
    public static final String ACTIVE_REQUESTS = "http.server.active.requests";
    public static final String ERRORS = "faultline.errors";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
    private static final Metadata REQUESTS_METADATA = Metadata.builder().withName(REQUESTS)
            .withDescription("Requests served by Faultline, by method, matched route template and status")
            .withUnit(MetricUnits.SECONDS).build();
    private static final Metadata ERRORS_METADATA = Metadata.builder().withName(ERRORS)
            .withDescription("Problem responses, by error code and matched route template").build();

    private final AtomicLong active = new AtomicLong();

    @Inject
    MetricRegistry registry;

    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName(ACTIVE_REQUESTS)
                .withDescription("Requests Faultline is serving right now").build(), active, AtomicLong::get);
    }

    void started(@Observes RequestStarted started) {
        active.incrementAndGet();
    }

    void completed(@Observes RequestCompleted completed) {
        active.decrementAndGet();
        String route = completed.context().route();
        String method = completed.context().method();
        registry.timer(REQUESTS_METADATA,
                new Tag("method", METHODS.contains(method) ? method : "OTHER"),
                new Tag("route", route),
                new Tag("status", Integer.toString(completed.status())))
                .update(Duration.ofNanos(completed.durationNanos()));
        String code = completed.context().errorCode();
        if (code != null) {
            registry.counter(ERRORS_METADATA, new Tag("code", code), new Tag("route", route)).inc();
        }
    }
}
