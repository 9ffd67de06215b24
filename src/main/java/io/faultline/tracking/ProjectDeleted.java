package io.faultline.tracking;

/** Fired synchronously inside the transaction that deletes a project, for what belongs to it elsewhere. */
public record ProjectDeleted(long projectId) {
}
