package io.faultline.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What a problem {@code type} URI points at: the catalog entry, as JSON or as a page. */
@Path("/problems/{code}")
@ApplicationScoped
public class ProblemTypesResource {

    @Inject
    ProblemConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject json(@PathParam("code") String code) {
        return ErrorCodesResource.entry(find(code), config);
    }

    @GET
    @Produces("text/html;qs=0.9")
    public String html(@PathParam("code") String code) {
        ErrorCode entry = find(code);
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s</title></head>
                <body><h1>%1$s</h1>
                <p><code>%2$s</code> &middot; HTTP %3$d &middot; %4$s</p>
                <p>%5$s</p></body></html>
                """.formatted(entry.title(), entry.name(), entry.status(),
                entry.retryable() ? "retryable" : "not retryable", entry.description());
    }

    private static ErrorCode find(String code) {
        return ErrorCode.fromKebab(code).orElseThrow(() -> new ResourceNotFound("problem-type", "'" + code + "'"));
    }
}
