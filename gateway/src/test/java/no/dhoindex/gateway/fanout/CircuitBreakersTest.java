package no.dhoindex.gateway.fanout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import no.dhoindex.shared.state.LocalBreakerStates;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration OPEN = Duration.ofSeconds(10);

    private final LocalBreakerStates states = new LocalBreakerStates();
    private final CircuitBreakers breakers = new CircuitBreakers(states);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresForItsOpenTime() {
        breakers.failed("kommune", T0, 3, OPEN);
        breakers.failed("kommune", T0, 3, OPEN);
        assertTrue(breakers.allows("kommune", T0), "two failures of three: still asked");
        breakers.failed("kommune", T0, 3, OPEN);
        assertFalse(breakers.allows("kommune", T0));
        assertFalse(breakers.allows("kommune", T0.plus(OPEN).minusMillis(1)));
        assertTrue(breakers.allows("kommune", T0.plus(OPEN)), "tried again once the open time has passed");
        assertTrue(breakers.allows("sykehus", T0), "one source's failures do not close another");
    }

    @Test
    void halfOpenOneFailureOpensItAgainOneSuccessClosesIt() {
        for (int i = 0; i < 3; i++) {
            breakers.failed("kommune", T0, 3, OPEN);
        }
        Instant later = T0.plus(OPEN);
        breakers.failed("kommune", later, 3, OPEN);
        assertFalse(breakers.allows("kommune", later), "the trial call failed: open again");
        assertTrue(breakers.allows("kommune", later.plus(OPEN)));
        breakers.succeeded("kommune");
        assertNull(states.get("kommune"), "a success forgets the failures");
        breakers.failed("kommune", later.plus(OPEN), 3, OPEN);
        assertTrue(breakers.allows("kommune", later.plus(OPEN)), "counting starts again from one");
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        breakers.failed("kommune", T0, 3, OPEN);
        breakers.failed("kommune", T0, 3, OPEN);
        breakers.succeeded("kommune");
        breakers.failed("kommune", T0, 3, OPEN);
        breakers.failed("kommune", T0, 3, OPEN);
        assertTrue(breakers.allows("kommune", T0));
    }
}
