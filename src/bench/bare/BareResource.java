package bench.bare;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers what Faultline's GET /healthz answers, without filters, logging or metrics. */
@Path("healthz")
public class BareResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject healthz() {
        return Json.createObjectBuilder().add("status", "ok").add("service", "faultline").add("version", "bare").build();
    }
}
