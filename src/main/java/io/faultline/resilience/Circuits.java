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

/** Every guarded dependency's circuit, by name; announces each transition. */
@ApplicationScoped
public class Circuits {

    @Inject
    Event<CircuitTransition> transitions;

    private final Map<String, Circuit> circuits = new ConcurrentSkipListMap<>();

    /** The circuit of a guarded dependency, created with its settings the first time. */
    public Circuit register(String name, Circuit.Feature feature, CircuitSettings settings) {
        return circuits.computeIfAbsent(name, n -> new Circuit(n, feature, settings, Clock.systemUTC()));
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
