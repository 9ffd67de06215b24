package io.faultline.tracking;

import io.faultline.correlation.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The intake pipeline every reporting API shares (Faultline's own and the Sentry endpoints):
 * each event is scrubbed, then validated, then the project's tokens are taken, then the events
 * are stored in one group commit. All the events of a report are accepted, or none.
 */
@ApplicationScoped
public class Intake {

    @Inject
    RateLimits rateLimits;

    @Inject
    IntakeConfig config;

    @Inject
    EventWriter writer;

    /** Where the project's rate limit stands after the report, and where each event was stored. */
    public record Accepted(RateLimits.Status limit, List<PendingEvent.Stored> stored) {
    }

    /**
     * Accepts the events of one report. A failed check names each bad value by its JSON pointer:
     * {@code #/field} for a single event, {@code #/3/field} in a batch.
     */
    public Accepted accept(IngestKeys.KeyOwner owner, List<JsonValue> events, boolean batch) {
        EventValidation validation = new EventValidation(config.limits());
        List<Scrubbed> scrubbed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            scrubbed.add(Scrubbed.of(events.get(i)));
            validation.check(scrubbed.get(i).value(), batch ? "#/" + i : "#");
        }
        validation.throwIfInvalid();
        RateLimits.Status limit = rateLimits.take(owner.projectId(), Math.max(1, events.size()));
        List<PendingEvent> pending = new ArrayList<>(events.size());
        scrubbed.forEach(event -> pending.add(pending(owner, event)));
        return new Accepted(limit, writer.store(pending));
    }

    /** Events accepted and waiting for their commit. */
    public int queued() {
        return writer.queued();
    }

    /** The most events one report may hold. */
    public int maxBatch() {
        return config.limits().maxBatch();
    }

    public IntakeConfig.Limits limits() {
        return config.limits();
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
        stored.eventId = EventIds.normalized(event.getString("eventId", null));
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
