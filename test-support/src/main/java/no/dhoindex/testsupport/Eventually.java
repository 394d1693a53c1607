package no.dhoindex.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls for a condition that becomes true asynchronously (e.g. a pointer published by a poller). */
public final class Eventually {

    private Eventually() {
    }

    /**
     * Asks {@code probe} every {@code every} until {@code done} accepts its answer or {@code within}
     * has passed; returns the last answer either way, so the caller's assertion reports it.
     */
    public static <T> T await(Duration within, Duration every, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(within);
        T answer = probe.get();
        while (!done.test(answer) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(every.toNanos());
            answer = probe.get();
        }
        return answer;
    }
}
