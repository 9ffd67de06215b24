package io.faultline.cluster;

/**
 * The listener lost its connection and has a new one: whatever other instances announced in
 * between never reached this one, so its feed clients may have missed events committed since
 * {@code lostAt}.
 */
public record ListenerReconnected(java.time.Instant lostAt) {
}
