package io.faultline.tracking;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fired synchronously inside the intake transaction once a batch's events are flushed, so
 * that observers may count them in queries and add notifications that commit with them.
 */
public record EventsStored(List<Stored> events, Consumer<Notification> notifier) {

    /** What an observer may know about a stored event. */
    public record Stored(long projectId, String level, String code, Instant receivedAt, String correlationId) {
    }
}
