package io.faultline.resilience;

import java.time.Instant;

/** A circuit changed state. */
public record CircuitTransition(String circuit, Circuit.State from, Circuit.State to, Instant at) {
}
