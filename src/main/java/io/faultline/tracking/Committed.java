package io.faultline.tracking;

import java.util.List;

/**
 * Fired on the writer thread after each intake commit, for whoever shows events live: each
 * item is one event or notification, already as the JSON frame it becomes.
 */
public record Committed(List<Item> items) {

    /** One event or notification of a project, at a level (none for a notification), as a frame of a type. */
    public record Item(long projectId, String level, String type, String json) {
    }
}
