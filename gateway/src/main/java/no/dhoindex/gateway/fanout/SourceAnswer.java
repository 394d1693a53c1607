package no.dhoindex.gateway.fanout;

import java.time.Duration;

/**
 * What one source answered within its deadline, or why it did not: refused access (401/403: an
 * answer, not an outage), failed, timed out, or skipped (breaker open).
 */
public record SourceAnswer<T>(Source<T> source, T value, Outcome outcome, String reason, Duration elapsed) {

    public enum Outcome { ANSWERED, REFUSED, FAILED, TIMED_OUT, SKIPPED }

    public boolean answered() {
        return outcome == Outcome.ANSWERED;
    }

    public boolean refused() {
        return outcome == Outcome.REFUSED;
    }
}
