package io.faultline.lifecycle;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Creates and validates every configuration bean while the application starts, so that a bad
 * value stops the deployment with a message naming the property, on every server, instead of
 * failing the first request that needs it. (A servlet listener, because servers differ on
 * whether an exception from a CDI startup observer fails the deployment; from a listener it does.)
 */
@WebListener
public class ConfigurationCheck implements ServletContextListener {

    @Inject
    Instance<ValidatedConfig> configs;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        for (ValidatedConfig config : configs) {
            config.validate();
        }
    }
}
