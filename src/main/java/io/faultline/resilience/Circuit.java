package io.faultline.resilience;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * What a Fault Tolerance circuit breaker is doing, followed from the outcomes of the calls it
 * guards, since the specification offers no way to ask it. It follows the specification's
 * rules with the same settings (a rolling window of {@code requestVolumeThreshold} calls, open
 * at {@code failureRatio}, half-open after {@code delay}, closed after {@code successThreshold}
 * trial successes), and a call the breaker rejects proves it open whatever was inferred.
 */
public final class Circuit {

    /** The states of the specification, spelled as the API shows them. */
    public enum State { closed, open, half_open }

    /** The feature a circuit guards, what happens to it while the circuit is open, and whether a fallback covers it. */
    public record Feature(String name, String whenOpen, boolean fallback) {
    }

    private final String name;
    private final Feature feature;
    private final CircuitSettings settings;
    private final Clock clock;
    private final Deque<Boolean> window = new ArrayDeque<>();
    private State state = State.closed;
    private Instant openedAt;
    private Instant lastTransition;
    private Instant lastFailure;
    private Instant lastRejected;
    private int trialSuccesses;
    private long failures;
    private long successes;
    private long rejected;

    Circuit(String name, Feature feature, CircuitSettings settings, Clock clock) {
        this.name = name;
        this.feature = feature;
        this.settings = settings;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public Feature feature() {
        return feature;
    }

    /**
     * The breaker's state as its calls show it. Open lasts the delay; after it the breaker lets a
     * trial through, so the circuit shows half-open, unless a call was refused since (the
     * breaker decides when it is asked, and it said open).
     */
    public synchronized State state() {
        if (state == State.open) {
            Instant trialFrom = openedAt.plusMillis(settings.delayMs());
            boolean refusedSince = lastRejected != null && !lastRejected.isBefore(trialFrom);
            if (!clock.instant().isBefore(trialFrom) && !refusedSince) {
                return State.half_open;
            }
        }
        return state;
    }

    public boolean isOpen() {
        return state() != State.closed;
    }

    synchronized Optional<CircuitTransition> succeeded() {
        successes++;
        if (state != State.closed) {
            if (++trialSuccesses >= settings.successThreshold()) {
                return moveTo(State.closed);
            }
            return state == State.open ? moveTo(State.half_open) : Optional.empty();
        }
        slide(false);
        return Optional.empty();
    }

    synchronized Optional<CircuitTransition> failed() {
        failures++;
        lastFailure = clock.instant();
        if (state != State.closed) {
            // A call that began before the circuit opened changes nothing; a failed trial reopens it.
            return state() == State.open ? Optional.empty() : moveTo(State.open);
        }
        slide(true);
        long failed = window.stream().filter(f -> f).count();
        if (window.size() >= settings.requestVolumeThreshold()
                && failed >= settings.failureRatio() * settings.requestVolumeThreshold()) {
            return moveTo(State.open);
        }
        return Optional.empty();
    }

    synchronized Optional<CircuitTransition> wasRejected() {
        rejected++;
        lastRejected = clock.instant();
        return state == State.closed ? moveTo(State.open) : Optional.empty();
    }

    /**
     * A call the breaker let through. While the circuit is open, that is the breaker's trial:
     * it is half-open now, whatever the clock says.
     */
    synchronized Optional<CircuitTransition> letThrough() {
        return state == State.open ? moveTo(State.half_open) : Optional.empty();
    }

    private void slide(boolean failure) {
        window.addLast(failure);
        while (window.size() > settings.requestVolumeThreshold()) {
            window.removeFirst();
        }
    }

    private Optional<CircuitTransition> moveTo(State next) {
        State from = state();
        Instant now = clock.instant();
        state = next;
        window.clear();
        trialSuccesses = next == State.half_open ? trialSuccesses : 0;
        if (next == State.open) {
            openedAt = now;
        }
        lastTransition = now;
        return from == next ? Optional.empty() : Optional.of(new CircuitTransition(name, from, next, now));
    }

    /** The circuit as {@code /api/ops/circuit-breakers} shows it. */
    public synchronized JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("name", name).add("state", state().name())
                .add("thresholds", JSON.createObjectBuilder()
                        .add("requestVolumeThreshold", settings.requestVolumeThreshold())
                        .add("failureRatio", settings.failureRatio())
                        .add("delayMs", settings.delayMs())
                        .add("successThreshold", settings.successThreshold()))
                .add("counts", JSON.createObjectBuilder()
                        .add("failures", failures).add("successes", successes).add("rejected", rejected));
        json.add("lastTransitionAt", lastTransition == null ? JsonValue.NULL : JSON.createValue(lastTransition.toString()));
        json.add("lastFailureAt", lastFailure == null ? JsonValue.NULL : JSON.createValue(lastFailure.toString()));
        return json.build();
    }

    /** When a rejected call may be tried again: once the breaker lets a trial through. */
    public synchronized Instant retryAt() {
        return state == State.open ? openedAt.plusMillis(settings.delayMs()) : clock.instant();
    }
}
