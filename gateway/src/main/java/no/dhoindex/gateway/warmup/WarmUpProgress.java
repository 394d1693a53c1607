package no.dhoindex.gateway.warmup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.dhoindex.shared.health.ReadinessReport;

/**
 * How far the gateway's warm-up has come, and so whether it is ready: its first XUA signature made,
 * the warm-up question asked {@code rounds} times, and in the latest round every source answered
 * within its deadline — or, for a source that does not, {@code bound} passed since the first source
 * answered: the gateway is then ready without it and says so in its readiness data (one source that
 * is down must not keep the gateway from serving the others; a clinician's question still asks it,
 * and gets PartialSuccess naming it while it stays down).
 */
public final class WarmUpProgress {

    private final Clock clock;
    private final Instant started;
    private final Duration bound;
    private final int rounds;
    /** Each source's outcome in the latest round: empty when it answered, else why not. */
    private final Map<String, Optional<String>> latest = new LinkedHashMap<>();
    private Optional<String> signature = Optional.of("no assertion signed yet");
    private int roundsDone;
    private Instant finished;
    /** When a source first answered: the bound counts from there, not from the start. */
    private Instant firstAnswer;

    public WarmUpProgress(Clock clock, Duration bound, int rounds, Iterable<String> sources) {
        this.clock = clock;
        this.started = clock.instant();
        this.bound = bound;
        this.rounds = Math.max(1, rounds);
        sources.forEach(s -> latest.put(s, Optional.of("not asked yet")));
    }

    public synchronized void signed() {
        signature = Optional.empty();
    }

    public synchronized void signingFailed(String reason) {
        signature = Optional.of(reason);
    }

    /** One round of the warm-up question: what each source asked answered (empty) or why it did not. */
    public synchronized void round(Map<String, Optional<String>> outcomes) {
        roundsDone++;
        latest.putAll(outcomes);
        if (firstAnswer == null && outcomes.values().stream().anyMatch(Optional::isEmpty)) {
            firstAnswer = clock.instant();
        }
        if (finished == null && !moreNeeded()) {
            finished = clock.instant();
        }
    }

    /** Whether another round is worth asking: rounds still to go, or a source not answering and time left. */
    public synchronized boolean moreNeeded() {
        if (finished != null) {
            return false;
        }
        return roundsDone < rounds || (withinBound() && latest.values().stream().anyMatch(Optional::isPresent));
    }

    public synchronized boolean ready() {
        return signature.isEmpty() && !moreNeeded();
    }

    /** Sources that were not answering when the gateway became ready (reported, not waited for). */
    public synchronized java.util.Set<String> notAnswering() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        latest.forEach((name, outcome) -> outcome.ifPresent(r -> names.add(name)));
        return names;
    }

    /** The readiness check: DOWN while warming up, naming what is still missing; UP after, naming any source left out. */
    public synchronized ReadinessReport report(String contextPath) {
        ReadinessReport report = ReadinessReport.of(contextPath);
        boolean warming = moreNeeded();
        long elapsed = Duration.between(started, finished != null ? finished : clock.instant()).toSeconds();
        signature.ifPresentOrElse(r -> report.notReady("xua-signature", r), () -> report.ready("xua-signature", "signed"));
        String roundsText = Math.min(roundsDone, rounds) + " of " + rounds + " rounds, " + elapsed + " s";
        if (warming) {
            report.notReady("warm-up", "warming up: " + roundsText);
        } else {
            report.ready("warm-up", "done: " + roundsText);
        }
        latest.forEach((name, outcome) -> {
            if (outcome.isEmpty()) {
                report.ready("source " + name, "answered");
            } else if (warming) {
                report.notReady("source " + name, outcome.get());
            } else {
                // Past the bound: ready without it, and said so.
                report.ready("source " + name, "not answering after " + bound.toSeconds() + " s (" + outcome.get()
                        + "); ready for the other sources");
            }
        });
        return report;
    }

    /**
     * The bound counts from the first answer of any source: until then nothing answers at all (in one
     * Payara Micro, no application is served before every one is deployed), and a gateway that can ask
     * no source has nothing to serve.
     */
    private boolean withinBound() {
        return firstAnswer == null || clock.instant().isBefore(firstAnswer.plus(bound));
    }
}
