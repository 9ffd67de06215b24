package io.faultline.resilience;

import static io.faultline.http.JsonFactory.JSON;

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

/** Every guarded dependency's circuit: state, thresholds, counts, last transition and failure. */
@Path("/api/ops/circuit-breakers")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class CircuitBreakersResource {

    @Inject
    Circuits circuits;

    @GET
    public JsonObject list() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        circuits.all().forEach(c -> items.add(c.toJson()));
        return JSON.createObjectBuilder().add("items", items).build();
    }
}
