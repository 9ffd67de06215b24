package io.faultline.sentry;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.http.Bodies;
import io.faultline.http.HttpConfig;
import io.faultline.http.StrictJson;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import io.faultline.tracking.IngestKeys;
import io.faultline.tracking.IngestMetrics;
import io.faultline.tracking.Intake;
import io.faultline.tracking.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The endpoints Sentry SDKs send to, so that an application reports to Faultline by changing
 * only its DSN: {@code envelope/} (every current SDK) and {@code store/} (older ones). Events go
 * through the same intake as Faultline's own API; other envelope items (transactions, sessions,
 * attachments, client reports, check-ins) are accepted and counted, not stored.
 */
@Path("/api/{projectId: [0-9]+}")
@ApplicationScoped
@SentryCors
public class SentryIntakeResource {

    private static final String SENTRY_AUTH = "X-Sentry-Auth";

    @Inject
    IngestKeys keys;

    @Inject
    Intake intake;

    @Inject
    IngestMetrics metrics;

    @Inject
    HttpConfig http;

    @Inject
    SentryConfig config;

    @POST
    @Path("envelope/")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response envelope(@PathParam("projectId") long projectId, @HeaderParam(SENTRY_AUTH) String sentryAuth,
                             @HeaderParam("Authorization") String authorization, @QueryParam("sentry_key") String queryKey,
                             @HeaderParam("Content-Encoding") String encoding, InputStream body) {
        Report report = refusalsCounted(() -> {
            IngestKeys.KeyOwner owner = authenticate(projectId, sentryAuth, authorization, queryKey);
            Envelope envelope = Envelope.parse(Bodies.read(body, encoding, http.maxBodyBytes()));
            List<JsonValue> events = new ArrayList<>();
            String eventId = envelope.header().getString("event_id", null);
            for (Envelope.Item item : envelope.items()) {
                if (item.type().equals("event")) {
                    JsonObject sentryEvent = object(item.json(), "An event item is not a JSON object");
                    events.add(SentryEvents.toFaultline(sentryEvent, intake.limits()));
                    if (eventId == null) {
                        eventId = sentryEvent.getString("event_id", null);
                    }
                } else {
                    metrics.count(IngestMetrics.Api.SENTRY, IngestMetrics.Result.DISCARDED, 1);
                }
            }
            if (events.size() > intake.maxBatch()) {
                throw new ProblemException(ErrorCode.PAYLOAD_TOO_LARGE,
                        "An envelope holds at most " + intake.maxBatch() + " events, this one " + events.size());
            }
            return new Report(owner, events, eventId);
        });
        if (!report.events().isEmpty()) {
            store(report);
        }
        return answer(report.eventId());
    }

    @POST
    @Path("store/")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response store(@PathParam("projectId") long projectId, @HeaderParam(SENTRY_AUTH) String sentryAuth,
                          @HeaderParam("Authorization") String authorization, @QueryParam("sentry_key") String queryKey,
                          @HeaderParam("Content-Encoding") String encoding, InputStream body) {
        Report report = refusalsCounted(() -> {
            IngestKeys.KeyOwner owner = authenticate(projectId, sentryAuth, authorization, queryKey);
            JsonObject sentryEvent = object(StrictJson.read(new ByteArrayInputStream(
                    Bodies.read(body, encoding, http.maxBodyBytes()))), "The body is not a JSON object");
            return new Report(owner, List.of(SentryEvents.toFaultline(sentryEvent, intake.limits())),
                    sentryEvent.getString("event_id", null));
        });
        store(report);
        return answer(report.eventId());
    }

    /** What a request reports, once it is authenticated and read: its events, and the id to answer with. */
    private record Report(IngestKeys.KeyOwner owner, List<JsonValue> events, String eventId) {
    }

    /** A report refused before its events are known counts as one refused event, as on the native API. */
    private Report refusalsCounted(Supplier<Report> reading) {
        try {
            return reading.get();
        } catch (ProblemException refused) {
            metrics.count(IngestMetrics.Api.SENTRY, IngestMetrics.resultOf(refused.code()), 1);
            throw refused;
        }
    }

    private static JsonObject object(JsonValue value, String otherwise) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new ProblemException(ErrorCode.PARSE_ERROR, otherwise);
    }

    /** Browsers' SDKs ask first; {@link SentryCorsFilter} answers for the allowed origins. */
    @OPTIONS
    @Path("envelope/")
    public Response envelopePreflight() {
        return Response.noContent().build();
    }

    @OPTIONS
    @Path("store/")
    public Response storePreflight() {
        return Response.noContent().build();
    }

    private IngestKeys.KeyOwner authenticate(long projectId, String sentryAuth, String authorization, String queryKey) {
        String key = SentryAuth.keyOf(sentryAuth, authorization, queryKey);
        IngestKeys.KeyOwner owner = keys.authenticate(key, null);
        if (owner.projectId() != projectId) {
            throw new ProblemException(ErrorCode.PERMISSION_DENIED, "The key belongs to another project");
        }
        return owner;
    }

    private void store(Report report) {
        metrics.counted(IngestMetrics.Api.SENTRY, report.events().size(), () -> {
            try {
                return intake.accept(report.owner(), report.events(), report.events().size() > 1);
            } catch (RateLimited limited) {
                throw new SentryRateLimited(limited);
            }
        });
    }

    /** As a Sentry server answers: the event's id, once it is committed. */
    private static Response answer(String eventId) {
        String id = eventId != null ? eventId : UUID.randomUUID().toString().replace("-", "");
        return Response.ok(JSON.createObjectBuilder().add("id", id).build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
