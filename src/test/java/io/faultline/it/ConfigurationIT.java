package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad configuration value stops the application at startup with a message naming the property. */
class ConfigurationIT {

    @Test
    void badValueFailsStartupNamingTheProperty() {
        TestServer bad = TestServer.another("bad-config", 7, Map.of("FAULTLINE_HTTP_MAX_BODY_BYTES", "lots"));
        String console = bad.startExpectingFailure(Duration.ofSeconds(150));
        assertTrue(console.contains("faultline.http.max-body-bytes must be a whole number"), () -> "property not named:\n" + console);
        assertFalse(bad.answers(), "the application answered with a bad configuration");
    }

    @Test
    void outOfRangeValueFailsStartupNamingTheProperty() {
        TestServer bad = TestServer.another("out-of-range", 8, Map.of("FAULTLINE_LOG_SLOW_REQUEST_MS", "-5"));
        String console = bad.startExpectingFailure(Duration.ofSeconds(150));
        assertTrue(console.contains("faultline.log.slow-request-ms must be between 0 and 3600000"), () -> "property not named:\n" + console);
        assertFalse(bad.answers(), "the application answered with a bad configuration");
    }
}
