package io.faultline.tracking;

import java.util.List;
import java.util.function.Supplier;

/**
 * Fired on the writer thread after each intake commit, for whoever shows events live: each
 * item is one event or notification, with the JSON frame it becomes, encoded on demand (and
 * so only when somebody watches it).
 */
public record Committed(List<Item> items) {

    /** One event or notification of a project, at a level (none for a notification), as a frame of a type. */
    public record Item(long projectId, String level, String type, Supplier<String> json) {
    }
}
