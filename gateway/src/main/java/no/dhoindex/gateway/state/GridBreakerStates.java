package no.dhoindex.gateway.state;

import com.hazelcast.map.IMap;
import java.time.Instant;
import java.util.function.UnaryOperator;
import no.dhoindex.shared.state.BreakerStates;

/**
 * Breaker state in a map of the data grid, changed by compare-and-set (retried when another node
 * changed it in between), so failures counted at two nodes at once are both counted. Values are
 * plain strings ({@code failures;openUntilMillis;probeUntilMillis}): every node reads them without the gateway's
 * classes on the grid's class path.
 */
final class GridBreakerStates implements BreakerStates {

    private final IMap<String, String> states;

    GridBreakerStates(IMap<String, String> states) {
        this.states = states;
    }

    @Override
    public State get(String source) {
        return decode(states.get(source));
    }

    @Override
    public java.util.Map<String, State> all() {
        java.util.Map<String, State> all = new java.util.HashMap<>();
        states.forEach((source, value) -> all.put(source, decode(value)));
        return all;
    }

    @Override
    public void change(String source, UnaryOperator<State> change) {
        while (true) {
            String current = states.get(source);
            State next = change.apply(decode(current));
            boolean done;
            if (current == null) {
                done = next == null || states.putIfAbsent(source, encode(next)) == null;
            } else if (next == null) {
                done = states.remove(source, current);
            } else {
                done = states.replace(source, current, encode(next));
            }
            if (done) {
                return;
            }
        }
    }

    static String encode(State s) {
        return s.failures() + ";" + millis(s.openUntil()) + ";" + millis(s.probeUntil());
    }

    private static String millis(Instant at) {
        return at == null ? "" : String.valueOf(at.toEpochMilli());
    }

    static State decode(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(";", -1);
        return new State(Integer.parseInt(parts[0]), instant(parts[1]), parts.length > 2 ? instant(parts[2]) : null);
    }

    private static Instant instant(String millis) {
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
