package io.faultline.tracking;

import io.faultline.correlation.RequestContext;
import io.faultline.http.StrictJson;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
    IntakeConfig config;

    @Inject
    EventWriter writer;

    @Inject
    IngestMetrics metrics;

    @POST
    public Response report(@HeaderParam(KEY_HEADER) String key, @HeaderParam("Authorization") String authorization,
                           InputStream body) {
        return counted(1, () -> reportOne(key, authorization, StrictJson.read(body)));
    }

    @POST
    @Path("batch")
    public Response reportBatch(@HeaderParam(KEY_HEADER) String key, @HeaderParam("Authorization") String authorization,
                                InputStream stream) {
        JsonValue body;
        try {
            body = StrictJson.read(stream);
        } catch (ProblemException unreadable) {
            metrics.count(IngestMetrics.Result.REJECTED, 1);
            throw unreadable;
        }
        int events = body.getValueType() == JsonValue.ValueType.ARRAY ? Math.max(1, body.asJsonArray().size()) : 1;
        return counted(events, () -> reportMany(key, authorization, body));
    }

    /** Counts the events of a report under the result it had. */
    private Response counted(int events, Supplier<Response> report) {
        try {
            Response response = report.get();
            metrics.count(IngestMetrics.Result.ACCEPTED, events);
            return response;
        } catch (ProblemException refused) {
            metrics.count(IngestMetrics.resultOf(refused.code()), events);
            throw refused;
        } catch (RuntimeException failed) {
            metrics.count(IngestMetrics.Result.SHED, events);
            throw failed;
        }
    }

    private Response reportOne(String key, String authorization, JsonValue body) {
        IngestKeys.KeyOwner owner = keys.authenticate(key, authorization);
        Scrubbed event = Scrubbed.of(body);
        EventValidation validation = new EventValidation(config.limits());
        validation.check(event.value(), "#");
        validation.throwIfInvalid();
        RateLimits.Status limit = rateLimits.take(owner.projectId(), 1);
        PendingEvent.Stored stored = writer.store(List.of(pending(owner, event))).get(0);
        return accepted(limit, item(new StringBuilder(48), stored).toString());
    }

    private Response reportMany(String key, String authorization, JsonValue body) {
        IngestKeys.KeyOwner owner = keys.authenticate(key, authorization);
        JsonArray events = events(body);
        if (events.size() > config.limits().maxBatch()) {
            throw new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "A batch holds at most " + config.limits().maxBatch() + " events, this one " + events.size());
        }
        EventValidation validation = new EventValidation(config.limits());
        List<Scrubbed> scrubbed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            scrubbed.add(Scrubbed.of(events.get(i)));
            validation.check(scrubbed.get(i).value(), "#/" + i);
        }
        validation.throwIfInvalid();
        RateLimits.Status limit = rateLimits.take(owner.projectId(), Math.max(1, events.size()));
        List<PendingEvent> pending = new ArrayList<>(events.size());
        scrubbed.forEach(event -> pending.add(pending(owner, event)));
        List<PendingEvent.Stored> stored = writer.store(pending);
        StringBuilder json = new StringBuilder(32 + 48 * stored.size())
                .append("{\"accepted\":").append(events.size()).append(",\"items\":[");
        for (int i = 0; i < stored.size(); i++) {
            item(i == 0 ? json : json.append(','), stored.get(i));
        }
        return accepted(limit, json.append("]}").toString());
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

    /**
     * An event with its secrets filtered, and how many. Scrubbed before it is validated, so that
     * a secret is filtered whatever its shape (an object under {@code tags.password} is stored
     * as {@code [Filtered]}, not refused) and never reaches a validation message or a log.
     */
    private record Scrubbed(JsonValue value, int filtered) {

        static Scrubbed of(JsonValue raw) {
            Scrubber scrubber = new Scrubber();
            JsonValue value = scrubber.scrub(raw);
            return new Scrubbed(value, scrubber.filtered());
        }
    }

    private PendingEvent pending(IngestKeys.KeyOwner owner, Scrubbed scrubbed) {
        JsonObject event = scrubbed.value().asJsonObject();
        ErrorEvent stored = new ErrorEvent();
        stored.projectId = owner.projectId();
        stored.receivedAt = Instant.now();
        stored.receivedMinute = stored.receivedAt.getEpochSecond() / 60;
        JsonObject exception = event.getJsonObject("exception");
        stored.code = exception == null ? null : truncate(exception.getString("type", ""), 200);
        stored.category = event.containsKey("platform") ? truncate(event.getString("platform"), 100) : null;
        stored.level = event.getString("level", "error");
        stored.message = truncate(title(event), 1000);
        stored.release = event.getString("release", null);
        stored.environment = event.getString("environment", null);
        stored.correlationId = event.getString("correlationId", RequestContext.currentCorrelationId());
        stored.filteredValues = scrubbed.filtered();
        stored.payload = event.toString();
        return new PendingEvent(owner.projectId(), Fingerprints.of(event), truncate(title(event), 500), stored,
                EventWriter.awaiting());
    }

    private static String title(JsonObject event) {
        JsonObject exception = event.getJsonObject("exception");
        if (exception != null && exception.containsKey("type")) {
            return exception.getString("type") + ": " + exception.getString("value", "");
        }
        return event.getString("message", "");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
