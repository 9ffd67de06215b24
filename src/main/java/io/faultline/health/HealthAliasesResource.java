package io.faultline.health;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Plain aliases for load balancers that cannot read the MicroProfile Health format. No auth. */
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthAliasesResource {

    private static final String VERSION = readVersion();

    @Inject
    ReadinessMonitor readiness;

    @GET
    @Path("healthz")
    public JsonObject healthz() {
        return JSON.createObjectBuilder()
                .add("status", "ok")
                .add("service", "faultline")
                .add("version", VERSION)
                .build();
    }

    @GET
    @Path("readyz")
    public Response readyz() {
        ReadinessMonitor.Result result = readiness.evaluate();
        JsonObject body = JSON.createObjectBuilder()
                .add("status", result.ready() ? "ready" : "not_ready")
                .add("checks", JSON.createObjectBuilder()
                        .add(DatabaseReadinessCheck.NAME, !result.failing().contains(DatabaseReadinessCheck.NAME))
                        .add(DiskSpaceReadinessCheck.NAME, !result.failing().contains(DiskSpaceReadinessCheck.NAME))
                        .add(ApplicationState.NAME, !result.failing().contains(ApplicationState.NAME)))
                .build();
        return Response.status(result.ready() ? 200 : 503).entity(body).build();
    }

    private static String readVersion() {
        try (InputStream in = HealthAliasesResource.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
