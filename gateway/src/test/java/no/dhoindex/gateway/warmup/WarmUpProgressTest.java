package no.dhoindex.gateway.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.dhoindex.gateway.TestClock;
import org.junit.jupiter.api.Test;

class WarmUpProgressTest {

    private static final Optional<String> ANSWERED = Optional.empty();

    private final TestClock clock = new TestClock();
    private final WarmUpProgress progress = new WarmUpProgress(clock, Duration.ofSeconds(60), 3,
            List.of("registry", "kommune", "sykehus"));

    @Test
    void downUntilSignedAndEveryRoundAskedThenUp() {
        assertFalse(progress.ready());
        assertFalse(progress.report("/gateway").isUp(), "DOWN: /health/ready answers 503");
        progress.signed();
        for (int i = 1; i <= 3; i++) {
            assertFalse(progress.ready(), "before round " + i);
            assertFalse(progress.report("/gateway").isUp(), "DOWN: /health/ready answers 503");
            assertTrue(progress.moreNeeded());
            progress.round(Map.of("registry", ANSWERED, "kommune", ANSWERED, "sykehus", ANSWERED));
            clock.now = clock.now.plusSeconds(1);
        }
        assertTrue(progress.ready());
        var report = progress.report("/gateway");
        assertTrue(report.isUp());
        assertEquals("/gateway", report.name());
        assertEquals("answered", report.data().get("source kommune"));
        assertTrue(report.data().get("warm-up").startsWith("done: 3 of 3 rounds"));
    }

    @Test
    void aSourceStillColdKeepsItWarmingUpAndIsNamed() {
        progress.signed();
        for (int i = 0; i < 3; i++) {
            progress.round(Map.of("registry", ANSWERED, "kommune", Optional.of("timed_out: no answer within 3000 ms"),
                    "sykehus", ANSWERED));
        }
        assertFalse(progress.ready());
        var report = progress.report("/gateway");
        assertFalse(report.isUp());
        assertEquals("DOWN: timed_out: no answer within 3000 ms", report.data().get("source kommune"));
        // It answers, warm now: the latest round counts, the gateway is ready.
        progress.round(Map.of("registry", ANSWERED, "kommune", ANSWERED, "sykehus", ANSWERED));
        assertTrue(progress.ready());
        assertTrue(progress.notAnswering().isEmpty());
    }

    @Test
    void aSourceDownPastTheBoundDoesNotKeepTheGatewayFromServingTheOthers() {
        progress.signed();
        Map<String, Optional<String>> kommuneDown = Map.of("registry", ANSWERED,
                "kommune", Optional.of("failed: Connection refused"), "sykehus", ANSWERED);
        for (int i = 0; i < 5; i++) {
            progress.round(kommuneDown);
            clock.now = clock.now.plusSeconds(10);
        }
        assertFalse(progress.ready(), "50 s of a 60 s bound");
        clock.now = clock.now.plusSeconds(10);
        progress.round(kommuneDown);
        assertTrue(progress.ready());
        var report = progress.report("/gateway");
        assertTrue(report.isUp());
        assertTrue(report.data().get("source kommune").startsWith("not answering after 60 s (failed: Connection refused)"),
                report.data().get("source kommune"));
        assertEquals(java.util.Set.of("kommune"), progress.notAnswering());
    }

    @Test
    void theBoundCountsFromTheFirstAnswerNothingAnsweringIsNeverReady() {
        progress.signed();
        Map<String, Optional<String>> noneAnswers = Map.of("registry", Optional.of("failed: Connection refused"),
                "kommune", Optional.of("failed: Connection refused"), "sykehus", Optional.of("failed: Connection refused"));
        for (int i = 0; i < 10; i++) {
            progress.round(noneAnswers);
            clock.now = clock.now.plusSeconds(30);
        }
        assertFalse(progress.ready(), "five minutes and no source answered: nothing to serve");
        assertFalse(progress.report("/gateway").isUp());
        progress.round(Map.of("registry", ANSWERED, "kommune", Optional.of("failed: Connection refused"),
                "sykehus", ANSWERED));
        clock.now = clock.now.plusSeconds(59);
        progress.round(Map.of("registry", ANSWERED, "kommune", Optional.of("failed: Connection refused"),
                "sykehus", ANSWERED));
        assertFalse(progress.ready(), "59 s after the first answer");
        clock.now = clock.now.plusSeconds(1);
        progress.round(Map.of("registry", ANSWERED, "kommune", Optional.of("failed: Connection refused"),
                "sykehus", ANSWERED));
        assertTrue(progress.ready());
        assertEquals(java.util.Set.of("kommune"), progress.notAnswering());
    }

    @Test
    void noSignatureNoReadinessWhateverTheSourcesSay() {
        progress.signingFailed("no signing key");
        for (int i = 0; i < 3; i++) {
            progress.round(Map.of("registry", ANSWERED, "kommune", ANSWERED, "sykehus", ANSWERED));
        }
        assertFalse(progress.ready());
        assertEquals("DOWN: no signing key", progress.report("/gateway").data().get("xua-signature"));
        progress.signed();
        assertTrue(progress.ready());
    }
}
