package io.faultline.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready before the application has started. */
@Readiness
@ApplicationScoped
public class ApplicationReadinessCheck implements HealthCheck {

    @Inject
    ApplicationState state;

    @Override
    public HealthCheckResponse call() {
        return state.response();
    }
}
