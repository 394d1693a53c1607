package no.dhoindex.shared.state;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Where the circuit breakers' state per source is kept: in this JVM for one node, on the data grid
 * for a cluster, so a source one node found dead is skipped by the others too.
 */
public interface BreakerStates {

    /** Consecutive failures of a source, and until when it is skipped ({@code null}: not open). */
    record State(int failures, Instant openUntil) {
    }

    /** The source's state; {@code null} when it has no failures counted. */
    State get(String source);

    /**
     * Replaces the source's state by {@code change} applied to the current one ({@code null} in and
     * out: none) as one atomic step, so concurrent failures counted at two nodes are both counted.
     * {@code change} may be applied more than once (retries) and must have no side effects.
     */
    void change(String source, UnaryOperator<State> change);
}
