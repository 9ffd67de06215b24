package io.faultline.cluster;

/**
 * What one instance changed that others may remember: they forget what they remembered of it
 * when the change is announced to them.
 */
public enum Topic {
    /** Operators: a deletion or a new password. */
    operators,
    /** Projects: a deletion, and with it the project's ingest key. */
    projects
}
