package no.dhoindex.shared.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Breaker state in this JVM: for a deployable that runs as one node. */
public final class LocalBreakerStates implements BreakerStates {

    private final Map<String, State> states = new ConcurrentHashMap<>();

    @Override
    public State get(String source) {
        return states.get(source);
    }

    @Override
    public Map<String, State> all() {
        return Map.copyOf(states);
    }

    @Override
    public void change(String source, UnaryOperator<State> change) {
        states.compute(source, (k, current) -> change.apply(current));
    }
}
