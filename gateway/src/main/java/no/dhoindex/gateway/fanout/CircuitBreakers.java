package no.dhoindex.gateway.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.dhoindex.shared.state.BreakerStates;

/**
 * One breaker per source: after {@code threshold} consecutive failures the source is skipped for
 * {@code open}; then half-open: exactly one question is let through as the probe while the others
 * are still skipped, its success closes the breaker, its failure opens it again. A success from
 * outside the questions (the gateway's own warm-up probe, see {@code GatewayWarmUp}) closes it at
 * once, so a source that answers again is not kept out for the rest of the window. Keeps a dead
 * source from costing its deadline on every question, and the gateway from hammering it.
 * The state lives in {@link BreakerStates}: shared by the gateway nodes of a cluster.
 */
final class CircuitBreakers {

    /** How long a probe may stay out before another question may probe (its node may have died). */
    static final Duration PROBE_LEASE = Duration.ofSeconds(30);

    private final BreakerStates states;

    CircuitBreakers(BreakerStates states) {
        this.states = states;
    }

    /**
     * Whether a question may ask the source now: closed, or open past its window with no probe out
     * (the caller then holds the probe and must report {@link #succeeded}, {@link #failed} or
     * {@link #released}).
     */
    boolean allows(String source, Instant now) {
        BreakerStates.State s = states.get(source);
        if (s == null || s.openUntil() == null) {
            return true;
        }
        if (!mayProbe(s, now)) {
            return false;
        }
        boolean[] allowed = {false};
        states.change(source, current -> {
            allowed[0] = current == null || current.openUntil() == null || mayProbe(current, now);
            return current == null || current.openUntil() == null || !allowed[0] ? current
                    : new BreakerStates.State(current.failures(), current.openUntil(), now.plus(PROBE_LEASE));
        });
        return allowed[0];
    }

    private static boolean mayProbe(BreakerStates.State s, Instant now) {
        return !now.isBefore(s.openUntil()) && (s.probeUntil() == null || !now.isBefore(s.probeUntil()));
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
            return new BreakerStates.State(failures, failures >= threshold ? now.plus(open) : null, null);
        });
    }

    /** A probe that ended without a verdict (its question was abandoned): the next question may probe. */
    void released(String source) {
        if (states.get(source) != null) {
            states.change(source, s -> s == null ? null : new BreakerStates.State(s.failures(), s.openUntil(), null));
        }
    }

    /** The sources whose breaker is open or half-open. */
    Set<String> open() {
        return states.all().entrySet().stream().filter(e -> e.getValue().openUntil() != null)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }
}
