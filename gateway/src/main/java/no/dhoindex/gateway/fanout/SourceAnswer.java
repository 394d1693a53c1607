package no.dhoindex.gateway.fanout;

import java.time.Duration;

/** What one source answered within its deadline, or why it did not: failed, timed out, or skipped (breaker open). */
public record SourceAnswer<T>(Source<T> source, T value, Outcome outcome, String reason, Duration elapsed) {

    public enum Outcome { ANSWERED, FAILED, TIMED_OUT, SKIPPED }

    public boolean answered() {
        return outcome == Outcome.ANSWERED;
    }
}
