package io.faultline.problem;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The whole error catalog, for clients that want to know every code in advance. No auth. */
@Path("/api/error-codes")
@ApplicationScoped
public class ErrorCodesResource {

    @Inject
    ProblemConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray list() {
        JsonArrayBuilder codes = JSON.createArrayBuilder();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(entry(code, config));
        }
        return codes.build();
    }

    static JsonObject entry(ErrorCode code, ProblemConfig config) {
        return JSON.createObjectBuilder()
                .add("code", code.name())
                .add("status", code.status())
                .add("title", code.title())
                .add("description", code.description())
                .add("retryable", code.retryable())
                .add("type", config.typeOf(code))
                .build();
    }
}
