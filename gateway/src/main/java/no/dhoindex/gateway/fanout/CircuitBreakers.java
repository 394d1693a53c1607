package no.dhoindex.gateway.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One breaker per source: after {@code threshold} consecutive failures the source is skipped for
 * {@code open}, then tried again (half-open: one success closes it). Keeps a dead source from
 * costing its deadline on every question, and the gateway from hammering it (no retry storms).
 */
final class CircuitBreakers {

    private record State(int failures, Instant openUntil) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    boolean allows(String source, Instant now) {
        State s = states.get(source);
        return s == null || s.openUntil() == null || !now.isBefore(s.openUntil());
    }

    void succeeded(String source) {
        states.remove(source);
    }

    void failed(String source, Instant now, int threshold, Duration open) {
        states.compute(source, (k, s) -> {
            int failures = (s == null ? 0 : s.failures()) + 1;
            return new State(failures, failures >= threshold ? now.plus(open) : null);
        });
    }
}
