package io.faultline.resilience;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Every guarded dependency's circuit, by name; announces each transition, and shows each
 * circuit's state as {@code faultline.circuit.state{circuit,state}}: 1 for the state it is in,
 * 0 for the two others.
 */
@ApplicationScoped
public class Circuits {

    public static final String STATE = "faultline.circuit.state";
    private static final Metadata STATE_METADATA = Metadata.builder().withName(STATE)
            .withDescription("1 for the state each guarded dependency's circuit is in (closed, open, half_open), else 0")
            .build();

    @Inject
    Event<CircuitTransition> transitions;

    @Inject
    MetricRegistry registry;

    private final Map<String, Circuit> circuits = new ConcurrentSkipListMap<>();

    /** The circuit of a guarded dependency, created with its settings the first time. */
    public Circuit register(String name, Circuit.Feature feature, CircuitSettings settings) {
        return circuits.computeIfAbsent(name, n -> {
            Circuit circuit = new Circuit(n, feature, settings, Clock.systemUTC());
            for (Circuit.State state : Circuit.State.values()) {
                registry.gauge(STATE_METADATA, circuit, c -> c.state() == state ? 1 : 0,
                        new Tag("circuit", n), new Tag("state", state.name()));
            }
            return circuit;
        });
    }

    public Optional<Circuit> find(String name) {
        return Optional.ofNullable(circuits.get(name));
    }

    public Collection<Circuit> all() {
        return circuits.values();
    }

    public List<String> open() {
        return circuits.values().stream().filter(Circuit::isOpen).map(Circuit::name).toList();
    }

    /** The guarded method was entered: the breaker let the call through. */
    public void letThrough(Circuit circuit) {
        announce(circuit.letThrough());
    }

    public void succeeded(Circuit circuit) {
        announce(circuit.succeeded());
    }

    public void failed(Circuit circuit) {
        announce(circuit.failed());
    }

    public void rejected(Circuit circuit) {
        announce(circuit.wasRejected());
    }

    private void announce(Optional<CircuitTransition> transition) {
        transition.ifPresent(transitions::fire);
    }
}
