package io.faultline.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * What a problem {@code type} URI points at: the catalog entry, as JSON or as a page. A name
 * outside the catalog is a 404 that never repeats what was asked for: the path is the
 * client's input, and a page that echoed it would be a place to inject markup.
 */
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
                """.formatted(escape(entry.title()), escape(entry.name()), entry.status(),
                entry.retryable() ? "retryable" : "not retryable", escape(entry.description()));
    }

    private static ErrorCode find(String code) {
        return ErrorCode.fromKebab(code).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND,
                "No problem type has that name; GET /api/error-codes lists every code",
                Map.of("resource", "problem-type"), List.of(), null));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
