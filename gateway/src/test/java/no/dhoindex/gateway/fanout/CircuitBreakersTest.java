package no.dhoindex.gateway.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private static final Duration OPEN = Duration.ofSeconds(10);
    private final CircuitBreakers breakers = new CircuitBreakers();
    private final Instant t0 = Instant.parse("2026-12-02T03:00:00Z");

    private void failTimes(int n, Instant at) {
        for (int i = 0; i < n; i++) {
            breakers.failed("kommune", at, 5, OPEN);
        }
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailures() {
        failTimes(4, t0);
        assertTrue(breakers.allows("kommune", t0));
        failTimes(1, t0);
        assertFalse(breakers.allows("kommune", t0.plusSeconds(9)));
        assertEquals(Set.of("kommune"), breakers.open());
        assertTrue(breakers.allows("sykehus", t0), "one breaker per source");
    }

    @Test
    void halfOpenLetsExactlyOneProbeThroughItsAnswerCloses() {
        failTimes(5, t0);
        Instant later = t0.plusSeconds(11);
        assertTrue(breakers.allows("kommune", later), "the probe");
        assertFalse(breakers.allows("kommune", later), "others wait for the probe's verdict");
        breakers.succeeded("kommune");
        assertTrue(breakers.allows("kommune", later));
        assertTrue(breakers.allows("kommune", later));
        assertTrue(breakers.open().isEmpty());
    }

    @Test
    void aFailedProbeOpensAgainAnAbandonedOneLetsTheNextProbe() {
        failTimes(5, t0);
        Instant later = t0.plusSeconds(11);
        assertTrue(breakers.allows("kommune", later));
        breakers.failed("kommune", later, 5, OPEN);
        assertFalse(breakers.allows("kommune", later.plusSeconds(9)));
        Instant again = later.plusSeconds(10);
        assertTrue(breakers.allows("kommune", again));
        breakers.released("kommune");
        assertTrue(breakers.allows("kommune", again), "the abandoned probe's place is free");
    }

    @Test
    void anAnswerFromOutsideTheQuestionsClosesAnOpenBreakerAtOnce() {
        failTimes(5, t0);
        assertFalse(breakers.allows("kommune", t0.plusSeconds(1)));
        breakers.succeeded("kommune");   // the gateway's own probe got an answer
        assertTrue(breakers.allows("kommune", t0.plusSeconds(1)));
    }
}
