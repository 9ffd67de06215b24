package io.faultline.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LoggingConfigTest {

    private static LoggingConfig config(long slowMs, String level) {
        LoggingConfig config = new LoggingConfig();
        config.slowRequestMsValue = Long.toString(slowMs);
        config.file = Optional.empty();
        config.stdoutValue = "true";
        config.level = level;
        return config;
    }

    @Test
    void defaultsAreAccepted() {
        LoggingConfig config = config(1000, "INFO");
        config.validate();
        assertEquals(Level.INFO, config.level());
    }

    @Test
    void negativeThresholdNamesTheProperty() {
        var failure = assertThrows(IllegalStateException.class, () -> config(-1, "INFO").validate());
        assertTrue(failure.getMessage().startsWith("faultline.log.slow-request-ms"));
    }

    @Test
    void unknownLevelNamesTheProperty() {
        var failure = assertThrows(IllegalStateException.class, () -> config(10, "LOUD").validate());
        assertTrue(failure.getMessage().startsWith("faultline.log.level"));
    }
}
