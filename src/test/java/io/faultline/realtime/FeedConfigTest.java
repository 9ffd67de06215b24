package io.faultline.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The feed's settings: defaults accepted, a bad value refused with the property's name. */
class FeedConfigTest {

    private static FeedConfig defaults() {
        FeedConfig config = new FeedConfig();
        config.allowedOriginsValue = " ";
        config.queueBytesValue = "262144";
        config.eventsPerFrameValue = "100";
        config.replayValue = "1000";
        config.rateValue = "20";
        config.abuseValue = "20";
        return config;
    }

    @Test
    void defaultsAreAccepted() {
        FeedConfig config = defaults();
        config.validate();
        assertEquals(262_144, config.queueBytes());
        assertEquals(100, config.maxEventsPerFrame());
        assertEquals(1_000, config.maxReplay());
    }

    @ParameterizedTest
    @CsvSource({"faultline.ws.queue-bytes, 100", "faultline.ws.queue-bytes, lots", "faultline.ws.max-events-per-frame, 0",
        "faultline.ws.max-replay, 0", "faultline.ws.max-replay, -1"})
    void aBadValueNamesTheProperty(String property, String value) {
        FeedConfig config = defaults();
        switch (property) {
            case FeedConfig.QUEUE_BYTES -> config.queueBytesValue = value;
            case FeedConfig.EVENTS_PER_FRAME -> config.eventsPerFrameValue = value;
            default -> config.replayValue = value;
        }
        var failure = assertThrows(IllegalStateException.class, config::validate);
        assertTrue(failure.getMessage().startsWith(property), failure::getMessage);
    }
}
