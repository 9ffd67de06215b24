package io.faultline.realtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The {@code ws.*} metrics of the feed; every tag value is bounded (one endpoint, known types and codes). */
@ApplicationScoped
public class FeedMetrics {

    public static final String ACTIVE = "ws.connections.active";
    public static final String OPENED = "ws.connections.opened";
    public static final String MESSAGES = "ws.messages";
    public static final String ERRORS = "ws.errors";
    public static final String CLOSES = "ws.closes";
    public static final String DROPPED = "ws.messages.dropped";

    private static final Tag ENDPOINT = new Tag("endpoint", EventsEndpoint.PATH);
    private static final Metadata MESSAGES_METADATA = Metadata.builder().withName(MESSAGES)
            .withDescription("Frames on the live feed, by type and direction (in, out)").build();
    private static final Metadata ERRORS_METADATA = Metadata.builder().withName(ERRORS)
            .withDescription("Error frames sent on the live feed, by code").build();
    private static final Metadata CLOSES_METADATA = Metadata.builder().withName(CLOSES)
            .withDescription("Closed live-feed connections, by close code").build();

    /**
     * The close codes the contract names, and those a client or the transport ends with in the
     * normal course; any other (a client may send 3000-4999 of its own) counts as {@code other}.
     */
    static final Set<Integer> CLOSE_CODES = Set.of(1000, 1001, 1006, 1008, 1009, 1011, 4429);

    private final AtomicLong active = new AtomicLong();
    private final Map<String, Counter> closes = new ConcurrentHashMap<>();
    /** Frame counters by type, one map per direction, looked up once: both are bounded sets. */
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private Counter opened;
    private Counter dropped;

    @Inject
    MetricRegistry registry;

    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName(ACTIVE).withDescription("Open live-feed connections").build(),
                active, AtomicLong::get, ENDPOINT);
        opened = registry.counter(Metadata.builder().withName(OPENED)
                .withDescription("Live-feed connections opened").build(), ENDPOINT);
        dropped = registry.counter(Metadata.builder().withName(DROPPED)
                .withDescription("Events and notifications dropped because a slow client's queue was full").build(), ENDPOINT);
    }

    /** Registers the series at startup, so that they are scraped as zero before first use. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing is enough: it makes the container create the bean, which registers in @PostConstruct.
    }

    void opened() {
        active.incrementAndGet();
        opened.inc();
    }

    void closed(int closeCode) {
        active.decrementAndGet();
        String label = CLOSE_CODES.contains(closeCode) ? Integer.toString(closeCode) : "other";
        closes.computeIfAbsent(label, code -> registry.counter(CLOSES_METADATA, ENDPOINT, new Tag("close_code", code))).inc();
    }

    /** One frame received; {@code type} must come from a fixed set, never from the client as it is. */
    void received(String type) {
        message(received, type, "in");
    }

    /** One frame sent: the hottest call of the feed (every frame to every client). */
    void sent(String type) {
        message(sent, type, "out");
    }

    private void message(Map<String, Counter> counters, String type, String direction) {
        Counter counter = counters.get(type);
        if (counter == null) {
            counter = counters.computeIfAbsent(type, t -> registry.counter(MESSAGES_METADATA, ENDPOINT,
                    new Tag("type", t), new Tag("direction", direction)));
        }
        counter.inc();
    }

    void error(String code) {
        registry.counter(ERRORS_METADATA, ENDPOINT, new Tag("code", code)).inc();
    }

    void dropped(long frames) {
        dropped.inc(frames);
    }
}
