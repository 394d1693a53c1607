package no.dhoindex.gateway.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import no.dhoindex.shared.state.LocalBreakerStates;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
    private static final Duration OPEN = Duration.ofSeconds(10);

    private final LocalBreakerStates states = new LocalBreakerStates();
    private final CircuitBreakers breakers = new CircuitBreakers(states);

    private void failTimes(int n, Instant at) {
        for (int i = 0; i < n; i++) {
            breakers.failed("kommune", at, 5, OPEN);
        }
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresForItsOpenTime() {
        failTimes(4, T0);
        assertTrue(breakers.allows("kommune", T0), "four failures of five: still asked");
        failTimes(1, T0);
        assertFalse(breakers.allows("kommune", T0));
        assertFalse(breakers.allows("kommune", T0.plus(OPEN).minusMillis(1)));
        assertEquals(Set.of("kommune"), breakers.open());
        assertTrue(breakers.allows("kommune", T0.plus(OPEN)), "tried again once the open time has passed");
        assertTrue(breakers.allows("sykehus", T0), "one breaker per source");
    }

    @Test
    void halfOpenLetsExactlyOneProbeThroughItsAnswerCloses() {
        failTimes(5, T0);
        Instant later = T0.plusSeconds(11);
        assertTrue(breakers.allows("kommune", later), "the probe");
        assertFalse(breakers.allows("kommune", later), "others wait for the probe's verdict");
        breakers.succeeded("kommune");
        assertNull(states.get("kommune"), "a success forgets the failures");
        assertTrue(breakers.allows("kommune", later));
        assertTrue(breakers.allows("kommune", later));
        assertTrue(breakers.open().isEmpty());
    }

    @Test
    void aFailedProbeOpensAgainAnAbandonedOneLetsTheNextProbe() {
        failTimes(5, T0);
        Instant later = T0.plusSeconds(11);
        assertTrue(breakers.allows("kommune", later));
        breakers.failed("kommune", later, 5, OPEN);
        assertFalse(breakers.allows("kommune", later.plusSeconds(9)));
        Instant again = later.plusSeconds(10);
        assertTrue(breakers.allows("kommune", again));
        breakers.released("kommune");
        assertTrue(breakers.allows("kommune", again), "the abandoned probe's place is free");
    }

    @Test
    void aProbeWhoseNodeNeverAnsweredIsGivenUpAfterItsLease() {
        failTimes(5, T0);
        Instant later = T0.plusSeconds(11);
        assertTrue(breakers.allows("kommune", later), "the probe, taken by a node that then dies");
        assertFalse(breakers.allows("kommune", later.plus(CircuitBreakers.PROBE_LEASE).minusMillis(1)));
        assertTrue(breakers.allows("kommune", later.plus(CircuitBreakers.PROBE_LEASE)), "the next question probes");
    }

    @Test
    void anAnswerFromOutsideTheQuestionsClosesAnOpenBreakerAtOnce() {
        failTimes(5, T0);
        assertFalse(breakers.allows("kommune", T0.plusSeconds(1)));
        breakers.succeeded("kommune");   // the gateway's own probe got an answer
        assertTrue(breakers.allows("kommune", T0.plusSeconds(1)));
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        failTimes(4, T0);
        breakers.succeeded("kommune");
        failTimes(4, T0);
        assertTrue(breakers.allows("kommune", T0));
    }
}
