package no.dhoindex.gateway.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One breaker per source: after {@code threshold} consecutive failures the source is skipped for
 * {@code open}; then half-open: exactly one question is let through as the probe while the others
 * are still skipped, its success closes the breaker, its failure opens it again. A success from
 * outside the questions (the gateway's own warm-up probe, see {@code GatewayWarmUp}) closes it at
 * once, so a source that answers again is not kept out for the rest of the window. Keeps a dead
 * source from costing its deadline on every question, and the gateway from hammering it.
 */
final class CircuitBreakers {

    private record State(int failures, Instant openUntil, boolean probing) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * Whether a question may ask the source now: closed, or open past its window with no probe out
     * (the caller then holds the probe and must report {@link #succeeded}, {@link #failed} or
     * {@link #released}).
     */
    boolean allows(String source, Instant now) {
        boolean[] allowed = {true};
        states.computeIfPresent(source, (k, s) -> {
            if (s.openUntil() == null) {
                return s;
            }
            if (now.isBefore(s.openUntil()) || s.probing()) {
                allowed[0] = false;
                return s;
            }
            return new State(s.failures(), s.openUntil(), true);
        });
        return allowed[0];
    }

    void succeeded(String source) {
        states.remove(source);
    }

    void failed(String source, Instant now, int threshold, Duration open) {
        states.compute(source, (k, s) -> {
            int failures = (s == null ? 0 : s.failures()) + 1;
            return new State(failures, failures >= threshold ? now.plus(open) : null, false);
        });
    }

    /** A probe that ended without a verdict (its question was abandoned): the next question may probe. */
    void released(String source) {
        states.computeIfPresent(source, (k, s) -> new State(s.failures(), s.openUntil(), false));
    }

    /** The sources whose breaker is open or half-open. */
    Set<String> open() {
        return states.entrySet().stream().filter(e -> e.getValue().openUntil() != null).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
