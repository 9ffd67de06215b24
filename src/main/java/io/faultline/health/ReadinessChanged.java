package io.faultline.health;

import java.time.Instant;
import java.util.List;

/** Readiness went DOWN (with the checks that fail) or came back UP. */
public record ReadinessChanged(boolean ready, List<String> failing, Instant at) {
}
