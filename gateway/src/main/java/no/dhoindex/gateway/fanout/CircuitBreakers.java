package no.dhoindex.gateway.fanout;

import java.time.Duration;
import java.time.Instant;
import no.dhoindex.shared.state.BreakerStates;

/**
 * One breaker per source: after {@code threshold} consecutive failures the source is skipped for
 * {@code open}, then tried again (half-open: one success closes it). Keeps a dead source from
 * costing its deadline on every question, and the gateway from hammering it (no retry storms).
 * The state lives in {@link BreakerStates}: shared by the gateway nodes of a cluster.
 */
final class CircuitBreakers {

    private final BreakerStates states;

    CircuitBreakers(BreakerStates states) {
        this.states = states;
    }

    boolean allows(String source, Instant now) {
        BreakerStates.State s = states.get(source);
        return s == null || s.openUntil() == null || !now.isBefore(s.openUntil());
    }

    void succeeded(String source) {
        // Read first: a success is the common case, and need not cost a write to the grid.
        if (states.get(source) != null) {
            states.change(source, s -> null);
        }
    }

    void failed(String source, Instant now, int threshold, Duration open) {
        states.change(source, s -> {
            int failures = (s == null ? 0 : s.failures()) + 1;
            return new BreakerStates.State(failures, failures >= threshold ? now.plus(open) : null);
        });
    }
}
