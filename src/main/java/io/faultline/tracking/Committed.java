package io.faultline.tracking;

import java.util.List;
import java.util.function.Supplier;

/**
 * Fired on the writer thread after each intake commit, for whoever shows events live: each
 * item is one event or notification, in commit order, with its JSON, encoded on demand (and so
 * only when somebody watches it).
 */
public record Committed(List<Item> items) {

    /**
     * One event or notification of a project, at a level (none for a notification), with its id
     * (an event's places it after the events committed before it) and its JSON object.
     */
    public record Item(long id, long projectId, String level, String type, Supplier<String> json) {
    }
}
