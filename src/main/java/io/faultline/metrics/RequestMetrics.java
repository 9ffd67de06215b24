package io.faultline.metrics;

import io.faultline.correlation.RequestCompleted;
import io.faultline.correlation.RequestStarted;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The request metrics of contract section 4: a timer per method, route template and status,
 * the requests in flight, and every problem response by code and route. Every tag is bounded:
 * routes are templates ({@code UNMATCHED} when none matched), methods outside the standard
 * set count as {@code OTHER}. Each series is looked up in the registry once and kept: a lookup
 * by metadata and tags costs more than the update itself.
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
    private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<ErrorKey, Counter> errors = new ConcurrentHashMap<>();

    private record TimerKey(String method, String route, int status) {
    }

    private record ErrorKey(String code, String route) {
    }

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
        String method = METHODS.contains(completed.context().method()) ? completed.context().method() : "OTHER";
        timers.computeIfAbsent(new TimerKey(method, route, completed.status()), key -> registry.timer(REQUESTS_METADATA,
                        new Tag("method", key.method()), new Tag("route", key.route()),
                        new Tag("status", Integer.toString(key.status()))))
                .update(Duration.ofNanos(completed.durationNanos()));
        String code = completed.context().errorCode();
        if (code != null) {
            errors.computeIfAbsent(new ErrorKey(code, route), key -> registry.counter(ERRORS_METADATA,
                    new Tag("code", key.code()), new Tag("route", key.route()))).inc();
        }
    }
}
