package no.dhoindex.shared.state;

import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the circuit breakers' state per source is kept: in this JVM for one node, on the data grid
 * for a cluster, so a source one node found dead is skipped by the others too.
 */
public interface BreakerStates {

    /**
     * Consecutive failures of a source, until when it is skipped ({@code null}: not open), and until
     * when the one probe a half-open breaker lets through is out ({@code null}: none; a lease, so a
     * node that dies holding the probe does not keep the source out for good).
     */
    record State(int failures, Instant openUntil, Instant probeUntil) {
    }

    /** The source's state; {@code null} when it has no failures counted. */
    State get(String source);

    /** Every source with a state (few: only those that failed lately). */
    Map<String, State> all();

    /**
     * Replaces the source's state by {@code change} applied to the current one ({@code null} in and
     * out: none) as one atomic step, so concurrent failures counted at two nodes are both counted.
     * {@code change} may be applied more than once (retries) and must have no side effects.
     */
    void change(String source, UnaryOperator<State> change);
}
