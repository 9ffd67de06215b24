package io.faultline.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The circuit as the operations API reports it follows the Fault Tolerance specification's rules. */
class CircuitTest {

    private static final CircuitSettings SETTINGS = new CircuitSettings(4, 0.5, 1000, 2);

    private final MovableClock clock = new MovableClock();
    private final Circuit circuit = new Circuit("receivers", new Circuit.Feature("hooks", "waiting", true), SETTINGS, clock);

    @Test
    void opensOnlyOnceTheWindowIsFullAndTheRatioReached() {
        assertEquals(Optional.empty(), circuit.failed());
        assertEquals(Optional.empty(), circuit.succeeded());
        assertEquals(Optional.empty(), circuit.succeeded());
        assertEquals(Circuit.State.closed, circuit.state(), "3 calls do not fill a window of 4");
        CircuitTransition opened = circuit.failed().orElseThrow();
        assertEquals(Circuit.State.closed, opened.from());
        assertEquals(Circuit.State.open, opened.to());
        assertEquals(Circuit.State.open, circuit.state());
    }

    @Test
    void aRollingWindowForgetsOldFailures() {
        circuit.failed();
        circuit.failed();
        for (int i = 0; i < 10; i++) {
            circuit.succeeded();
        }
        circuit.failed();
        assertEquals(Circuit.State.closed, circuit.state(), "1 failure in the last 4 calls is below 0.5");
    }

    @Test
    void isHalfOpenAfterTheDelayAndClosesAfterEnoughTrialSuccesses() {
        open();
        clock.advance(Duration.ofMillis(999));
        assertEquals(Circuit.State.open, circuit.state());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Circuit.State.half_open, circuit.state());
        assertEquals(Optional.empty(), circuit.succeeded().filter(t -> t.to() == Circuit.State.closed));
        assertEquals(Circuit.State.half_open, circuit.state());
        CircuitTransition closed = circuit.succeeded().orElseThrow();
        assertEquals(Circuit.State.closed, closed.to());
        assertEquals(Circuit.State.closed, circuit.state());
    }

    @Test
    void aCallLetThroughBeforeTheDelayIsTheBreakersTrial() {
        open();
        clock.advance(Duration.ofMillis(990));
        assertEquals(Circuit.State.open, circuit.state());
        CircuitTransition trial = circuit.letThrough().orElseThrow();
        assertEquals(Circuit.State.half_open, trial.to());
        assertEquals(Circuit.State.half_open, circuit.state());
        assertEquals(Optional.empty(), circuit.letThrough(), "a second trial is no transition");
    }

    @Test
    void aRefusalAfterTheDelayKeepsItOpenUntilACallIsLetThrough() {
        open();
        clock.advance(Duration.ofMillis(1010));
        assertEquals(Circuit.State.half_open, circuit.state());
        circuit.wasRejected();
        assertEquals(Circuit.State.open, circuit.state(), "the breaker refused: it is still open");
        clock.advance(Duration.ofMillis(500));
        assertEquals(Circuit.State.open, circuit.state());
        circuit.letThrough();
        assertEquals(Circuit.State.half_open, circuit.state());
    }

    @Test
    void aCallLetThroughWhileClosedChangesNothing() {
        assertEquals(Optional.empty(), circuit.letThrough());
        assertEquals(Circuit.State.closed, circuit.state());
    }

    @Test
    void aFailedTrialOpensItAgainButALateFailureDoesNot() {
        open();
        assertEquals(Optional.empty(), circuit.failed(), "a call that began before it opened changes nothing");
        clock.advance(Duration.ofMillis(1500));
        CircuitTransition reopened = circuit.failed().orElseThrow();
        assertEquals(Circuit.State.half_open, reopened.from());
        assertEquals(Circuit.State.open, reopened.to());
        assertEquals(Circuit.State.open, circuit.state());
    }

    @Test
    void aRejectedCallProvesItOpenAndIsCounted() {
        CircuitTransition opened = circuit.wasRejected().orElseThrow();
        assertEquals(Circuit.State.open, opened.to());
        assertEquals(1, circuit.toJson().getJsonObject("counts").getInt("rejected"));
        assertTrue(circuit.toJson().getJsonObject("thresholds").getJsonNumber("failureRatio").doubleValue() == 0.5);
    }

    private void open() {
        for (int i = 0; i < 4; i++) {
            circuit.failed();
        }
        assertEquals(Circuit.State.open, circuit.state());
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
