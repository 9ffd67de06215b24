package io.faultline.realtime;

import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of the live feed, checked when the application starts. */
@ApplicationScoped
public class FeedConfig implements ValidatedConfig {

    static final String ALLOWED_ORIGINS = "faultline.ws.allowed-origins";
    static final String QUEUE_BYTES = "faultline.ws.queue-bytes";
    static final String EVENTS_PER_FRAME = "faultline.ws.max-events-per-frame";
    static final String REPLAY = "faultline.ws.max-replay";
    static final String RATE = "faultline.ws.max-frames-per-second";
    static final String ABUSE = "faultline.ws.abuse-limit";

    @Inject
    @ConfigProperty(name = ALLOWED_ORIGINS, defaultValue = " ")
    String allowedOriginsValue;

    @Inject
    @ConfigProperty(name = QUEUE_BYTES, defaultValue = "262144")
    String queueBytesValue;

    @Inject
    @ConfigProperty(name = EVENTS_PER_FRAME, defaultValue = "100")
    String eventsPerFrameValue;

    @Inject
    @ConfigProperty(name = REPLAY, defaultValue = "1000")
    String replayValue;

    @Inject
    @ConfigProperty(name = RATE, defaultValue = "20")
    String rateValue;

    @Inject
    @ConfigProperty(name = ABUSE, defaultValue = "20")
    String abuseValue;

    private Set<String> allowedOrigins;
    private long queueBytes;
    private int maxEventsPerFrame;
    private int maxReplay;
    private int framesPerSecond;
    private int abuseLimit;

    @PostConstruct
    @Override
    public void validate() {
        allowedOrigins = Arrays.stream(allowedOriginsValue.split(",")).map(String::trim).filter(o -> !o.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String origin : allowedOrigins) {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                throw new IllegalStateException(ALLOWED_ORIGINS + " lists '" + origin + "', which is not scheme://host[:port]");
            }
        }
        queueBytes = ConfigValues.parseLong(QUEUE_BYTES, queueBytesValue, 4_096, 64L * 1024 * 1024);
        maxEventsPerFrame = (int) ConfigValues.parseLong(EVENTS_PER_FRAME, eventsPerFrameValue, 1, 10_000);
        maxReplay = (int) ConfigValues.parseLong(REPLAY, replayValue, 1, 100_000);
        framesPerSecond = (int) ConfigValues.parseLong(RATE, rateValue, 1, 10_000);
        abuseLimit = (int) ConfigValues.parseLong(ABUSE, abuseValue, 1, 100_000);
    }

    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** The JSON of events and notifications one client may have waiting, in bytes (counted as characters). */
    public long queueBytes() {
        return queueBytes;
    }

    public int maxEventsPerFrame() {
        return maxEventsPerFrame;
    }

    /** The most events a reconnecting client gets of those committed since its last. */
    public int maxReplay() {
        return maxReplay;
    }

    public int framesPerSecond() {
        return framesPerSecond;
    }

    public int abuseLimit() {
        return abuseLimit;
    }
}
