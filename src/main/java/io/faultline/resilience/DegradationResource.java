package io.faultline.resilience;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.health.ReadinessMonitor;
import io.faultline.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Which features work less well than they should, and whether a fallback covers them: a
 * guarded dependency's feature while its circuit is open (webhook deliveries wait in the
 * outbox), and intake and queries while the database is unreachable (no fallback).
 */
@Path("/api/ops/degradation")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class DegradationResource {

    @Inject
    Circuits circuits;

    @Inject
    ReadinessMonitor readiness;

    private static final String DATABASE = "database";

    private record Feature(String name, String status, String message, boolean fallback) {
    }

    @GET
    public JsonObject degradation() {
        JsonArrayBuilder openCircuits = JSON.createArrayBuilder();
        List<Feature> affected = new ArrayList<>();
        for (Circuit circuit : circuits.all()) {
            if (circuit.isOpen()) {
                openCircuits.add(circuit.name());
                affected.add(new Feature(circuit.feature().name(), "degraded", circuit.feature().whenOpen(),
                        circuit.feature().fallback()));
            }
        }
        if (readiness.evaluate().failing().contains(DATABASE)) {
            affected.add(new Feature("error-intake", "unavailable",
                    "The database is unreachable: reports are refused with 503 and Retry-After", false));
            affected.add(new Feature("error-queries", "unavailable", "The database is unreachable", false));
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        affected.forEach(f -> items.add(JSON.createObjectBuilder().add("feature", f.name()).add("status", f.status())
                .add("message", f.message())));
        return JSON.createObjectBuilder()
                .add("degraded", !affected.isEmpty())
                .add("openCircuits", openCircuits)
                .add("affectedFeatures", items)
                .add("fallbackAvailable", !affected.isEmpty() && affected.stream().allMatch(Feature::fallback))
                .build();
    }
}
