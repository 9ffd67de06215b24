package io.faultline.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the schema exists and the error catalog is loaded. */
@Startup
@ApplicationScoped
public class ApplicationStartupCheck implements HealthCheck {

    @Inject
    ApplicationState state;

    @Override
    public HealthCheckResponse call() {
        return state.response();
    }
}
