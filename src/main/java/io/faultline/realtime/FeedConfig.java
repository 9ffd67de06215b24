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
    static final String QUEUE = "faultline.ws.queue-capacity";
    static final String RATE = "faultline.ws.max-frames-per-second";
    static final String ABUSE = "faultline.ws.abuse-limit";

    @Inject
    @ConfigProperty(name = ALLOWED_ORIGINS, defaultValue = " ")
    String allowedOriginsValue;

    @Inject
    @ConfigProperty(name = QUEUE, defaultValue = "256")
    String queueValue;

    @Inject
    @ConfigProperty(name = RATE, defaultValue = "20")
    String rateValue;

    @Inject
    @ConfigProperty(name = ABUSE, defaultValue = "20")
    String abuseValue;

    private Set<String> allowedOrigins;
    private int queueCapacity;
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
        queueCapacity = (int) ConfigValues.parseLong(QUEUE, queueValue, 8, 100_000);
        framesPerSecond = (int) ConfigValues.parseLong(RATE, rateValue, 1, 10_000);
        abuseLimit = (int) ConfigValues.parseLong(ABUSE, abuseValue, 1, 100_000);
    }

    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public int framesPerSecond() {
        return framesPerSecond;
    }

    public int abuseLimit() {
        return abuseLimit;
    }
}
