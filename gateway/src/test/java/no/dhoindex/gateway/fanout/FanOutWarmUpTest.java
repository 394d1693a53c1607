package no.dhoindex.gateway.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.dhoindex.gateway.directory.GatewaySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway's warm-up and probes: never counted against a source, and an answer closes its breaker. */
class FanOutWarmUpTest {

    private final FanOut fanOut = new FanOut();

    FanOutWarmUpTest() {
        fanOut.settings = new GatewaySettings() {
            @Override
            public int maxParallelCalls() {
                return 4;
            }

            @Override
            public int breakerThreshold() {
                return 2;
            }

            @Override
            public Duration breakerOpen() {
                return Duration.ofMinutes(10);
            }
        };
        fanOut.breakerStates = new no.dhoindex.shared.state.LocalBreakerStates();
        fanOut.start();
    }

    @AfterEach
    void stop() {
        fanOut.stop();
    }

    private static Source<String> source(String name, java.util.concurrent.Callable<String> call) {
        return new Source<>(name, "urn:oid:1.2.3", Duration.ofSeconds(2), call);
    }

    @Test
    void warmUpFailuresTripNoBreaker() {
        Source<String> cold = source("kommune", () -> {
            throw new java.io.IOException("Connection refused");
        });
        for (int i = 0; i < 10; i++) {
            assertEquals(SourceAnswer.Outcome.FAILED,
                    fanOut.warmUp(List.of(cold), Duration.ofSeconds(2), "warm-up-" + i).get(0).outcome());
        }
        assertTrue(fanOut.openBreakers().isEmpty());
    }

    @Test
    void aWarmUpAnswerClosesAnOpenBreakerAndIsAskedEvenWhileOpen() {
        fanOut.breakers.failed("kommune", Instant.now(), 2, Duration.ofMinutes(10));
        fanOut.breakers.failed("kommune", Instant.now(), 2, Duration.ofMinutes(10));
        assertEquals(java.util.Set.of("kommune"), fanOut.openBreakers());
        SourceAnswer<String> probe = fanOut.warmUp(List.of(source("kommune", () -> "answer")), Duration.ofSeconds(2),
                "probe").get(0);
        assertEquals(SourceAnswer.Outcome.ANSWERED, probe.outcome());
        assertTrue(fanOut.openBreakers().isEmpty());
        assertTrue(fanOut.breakers.allows("kommune", Instant.now()));
    }
}
