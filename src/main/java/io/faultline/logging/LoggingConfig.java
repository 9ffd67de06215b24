package io.faultline.logging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.inject.Inject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of Faultline's own logging, checked when the application starts. */
@ApplicationScoped
public class LoggingConfig implements ValidatedConfig {

    static final String SLOW_REQUEST_MS = "faultline.log.slow-request-ms";
    static final String FILE = "faultline.log.file";
    static final String STDOUT = "faultline.log.stdout";
    static final String LEVEL = "faultline.log.level";

    @Inject
    @ConfigProperty(name = SLOW_REQUEST_MS, defaultValue = "1000")
    String slowRequestMsValue;

    @Inject
    @ConfigProperty(name = FILE)
    Optional<String> file;

    @Inject
    @ConfigProperty(name = STDOUT, defaultValue = "true")
    String stdoutValue;

    @Inject
    @ConfigProperty(name = LEVEL, defaultValue = "INFO")
    String level;

    private long slowRequestMs;
    private boolean stdout;
    private Path filePath;
    private Level parsedLevel;

    @PostConstruct
    @Override
    public void validate() {
        slowRequestMs = ConfigValues.parseLong(SLOW_REQUEST_MS, slowRequestMsValue, 0, 3_600_000);
        stdout = ConfigValues.parseBoolean(STDOUT, stdoutValue);
        try {
            filePath = file.filter(f -> !f.isBlank()).map(Path::of).orElse(null);
        } catch (InvalidPathException e) {
            throw new IllegalStateException(FILE + " is not a valid path");
        }
        parsedLevel = switch (level.trim().toUpperCase(Locale.ROOT)) {
            case "ERROR" -> Level.SEVERE;
            case "WARNING", "WARN" -> Level.WARNING;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.FINE;
            default -> throw new IllegalStateException(LEVEL + " must be ERROR, WARNING, INFO or DEBUG, was '" + level + "'");
        };
    }

    public long slowRequestMs() {
        return slowRequestMs;
    }

    /** The log file, or null when Faultline logs to standard output only. */
    public Path file() {
        return filePath;
    }

    public boolean stdout() {
        return stdout;
    }

    public Level level() {
        return parsedLevel;
    }
}
