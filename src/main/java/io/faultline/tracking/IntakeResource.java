package io.faultline.tracking;

import io.faultline.http.StrictJson;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/**
 * Client error intake with a project key: one event, or a batch. Every event is validated,
 * scrubbed, fingerprinted and stored before the 202 goes out.
 */
@Path("/api/errors/report")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {

    static final String KEY_HEADER = "X-Faultline-Key";

    @Inject
    IngestKeys keys;

    @Inject
    RateLimits rateLimits;

    @Inject
    Intake intake;

    @Inject
    IngestMetrics metrics;

    @POST
    public Response report(@HeaderParam(KEY_HEADER) String key, @HeaderParam("Authorization") String authorization,
                           InputStream body) {
        Intake.Accepted accepted = metrics.counted(IngestMetrics.Api.FAULTLINE, 1,
                () -> intake.accept(keys.authenticate(key, authorization), List.of(StrictJson.read(body)), false));
        return accepted(accepted.limit(), item(new StringBuilder(48), accepted.stored().get(0)).toString());
    }

    @POST
    @Path("batch")
    public Response reportBatch(@HeaderParam(KEY_HEADER) String key, @HeaderParam("Authorization") String authorization,
                                InputStream stream) {
        JsonValue body;
        try {
            body = StrictJson.read(stream);
        } catch (ProblemException unreadable) {
            metrics.count(IngestMetrics.Api.FAULTLINE, IngestMetrics.Result.REJECTED, 1);
            throw unreadable;
        }
        int count = body.getValueType() == JsonValue.ValueType.ARRAY ? Math.max(1, body.asJsonArray().size()) : 1;
        Intake.Accepted accepted = metrics.counted(IngestMetrics.Api.FAULTLINE, count, () -> {
            IngestKeys.KeyOwner owner = keys.authenticate(key, authorization);
            JsonArray events = events(body);
            if (events.size() > intake.maxBatch()) {
                throw new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE,
                        "A batch holds at most " + intake.maxBatch() + " events, this one " + events.size());
            }
            return intake.accept(owner, events, true);
        });
        List<PendingEvent.Stored> stored = accepted.stored();
        StringBuilder json = new StringBuilder(32 + 48 * stored.size())
                .append("{\"accepted\":").append(stored.size()).append(",\"items\":[");
        for (int i = 0; i < stored.size(); i++) {
            item(i == 0 ? json : json.append(','), stored.get(i));
        }
        return accepted(accepted.limit(), json.append("]}").toString());
    }

    /**
     * An accepted event as the contract gives it, {@code {"id":"…","groupId":"…"}}, written
     * directly: both are decimal numbers with nothing to escape, and a JSON writer per response
     * took about 5 % of the request threads' time under single-report load.
     */
    private static StringBuilder item(StringBuilder json, PendingEvent.Stored stored) {
        return json.append("{\"id\":\"").append(stored.id()).append("\",\"groupId\":\"").append(stored.groupId())
                .append("\"}");
    }

    private Response accepted(RateLimits.Status limit, String body) {
        return Response.accepted(body)
                .header("RateLimit-Policy", rateLimits.policyHeader())
                .header("RateLimit", RateLimits.rateLimitHeader(limit))
                .build();
    }

    private static JsonArray events(JsonValue body) {
        if (body.getValueType() == JsonValue.ValueType.ARRAY) {
            return body.asJsonArray();
        }
        if (body.getValueType() == JsonValue.ValueType.OBJECT && body.asJsonObject().get("events") instanceof JsonArray list) {
            return list;
        }
        throw new ProblemException(ErrorCode.PARSE_ERROR, "A batch is a JSON array of events, or {\"events\": [...]}");
    }
}
