package io.faultline.logging;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/** Routes every {@code io.faultline} logger to the JSON handler for the application's lifetime. */
@WebListener
public class LoggingSetup implements ServletContextListener {

    /** Held strongly: JUL keeps loggers weakly, and a collected logger would lose its handler. */
    private static final Logger FAULTLINE = Logger.getLogger("io.faultline");

    @Inject
    LoggingConfig config;

    private JsonLogHandler handler;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            handler = new JsonLogHandler(config.stdout(), config.file());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the log file named by " + LoggingConfig.FILE, e);
        }
        handler.setLevel(config.level());
        FAULTLINE.setLevel(config.level());
        FAULTLINE.addHandler(handler);
        FAULTLINE.setUseParentHandlers(false);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (handler == null) {
            return; // the application failed to start before logging was set up
        }
        FAULTLINE.removeHandler(handler);
        FAULTLINE.setUseParentHandlers(true);
        handler.close();
    }
}
