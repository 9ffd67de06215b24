package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.OwnServer;
import io.faultline.it.support.OwnServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad configuration value stops the application at startup with a message naming the property. */
class ConfigurationIT extends OwnServerTest {

    @Test
    void badValueFailsStartupNamingTheProperty() {
        OwnServer.Refusal refusal = own.startExpectingFailure(Map.of("faultline.http.max-body-bytes", "lots"));
        assertTrue(refusal.log().contains("faultline.http.max-body-bytes must be a whole number"),
                () -> "property not named:\n" + refusal.log());
        assertFalse(refusal.answered(), "the application answered with a bad configuration");
    }

    @Test
    void outOfRangeValueFailsStartupNamingTheProperty() {
        OwnServer.Refusal refusal = own.startExpectingFailure(Map.of("faultline.log.slow-request-ms", "-5"));
        assertTrue(refusal.log().contains("faultline.log.slow-request-ms must be between 0 and 3600000"),
                () -> "property not named:\n" + refusal.log());
        assertFalse(refusal.answered(), "the application answered with a bad configuration");
    }
}
