package io.faultline.tracking;

import java.util.concurrent.CompletableFuture;

/** An accepted, scrubbed event waiting for the commit that makes it durable. */
record PendingEvent(long projectId, String fingerprint, String title, ErrorEvent event,
                    CompletableFuture<Stored> stored) {

    /** Where the event was stored; {@code duplicate} when it had been stored before, under the same event id. */
    record Stored(long id, long groupId, boolean duplicate) {
    }
}
