package io.faultline.resilience;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.health.ReadinessMonitor;
import io.faultline.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * One word for the whole service, with the figures behind it: {@code critical} when it is not
 * ready or at least 25% of the last five minutes' requests (of at least 20) failed with a 5xx;
 * {@code warning} when a circuit is open or at least 5% failed; {@code ok} otherwise.
 */
@Path("/api/ops/system-health")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class SystemHealthResource {

    static final double WARNING_RATE = 0.05;
    static final double CRITICAL_RATE = 0.25;
    static final long MIN_REQUESTS = 20;

    @Inject
    ReadinessMonitor readiness;

    @Inject
    Circuits circuits;

    @Inject
    ServerErrorRate errors;

    @GET
    public JsonObject health() {
        ReadinessMonitor.Result ready = readiness.evaluate();
        List<String> open = circuits.open();
        ServerErrorRate.Figures figures = errors.lastFiveMinutes();
        double rate = figures.requests() >= MIN_REQUESTS ? figures.rate() : 0;
        String status = !ready.ready() || rate >= CRITICAL_RATE ? "critical"
                : !open.isEmpty() || rate >= WARNING_RATE ? "warning" : "ok";
        JsonArrayBuilder failing = JSON.createArrayBuilder();
        ready.failing().forEach(failing::add);
        JsonArrayBuilder openCircuits = JSON.createArrayBuilder();
        open.forEach(openCircuits::add);
        return JSON.createObjectBuilder()
                .add("status", status)
                .add("readiness", JSON.createObjectBuilder().add("ready", ready.ready()).add("failing", failing))
                .add("openCircuits", openCircuits)
                .add("requests", JSON.createObjectBuilder()
                        .add("windowSeconds", ServerErrorRate.WINDOW_SECONDS)
                        .add("total", figures.requests())
                        .add("serverErrors", figures.serverErrors())
                        .add("serverErrorRate", Math.round(figures.rate() * 10_000) / 10_000.0))
                .add("thresholds", JSON.createObjectBuilder()
                        .add("warningRate", WARNING_RATE).add("criticalRate", CRITICAL_RATE)
                        .add("minRequests", MIN_REQUESTS))
                .build();
    }
}
