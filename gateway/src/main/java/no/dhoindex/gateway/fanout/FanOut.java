package no.dhoindex.gateway.fanout;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.shared.state.BreakerStates;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Asks several sources in parallel on a bounded pool and waits for each no longer than its own
 * deadline and never past the overall one. A late answer is dropped, not merged; a failing source
 * trips its breaker, a refusing one (401/403) does not: it answered. Latency, errors and timeouts are counted per source at /metrics.
 */
@ApplicationScoped
public class FanOut {

    private static final Logger LOG = Logger.getLogger(FanOut.class.getName());

    @Inject
    GatewaySettings settings;

    @Inject
    MetricRegistry metrics;

    /** In this JVM, or on the data grid shared with the other gateway nodes ({@code dho.gateway.grid}). */
    @Inject
    BreakerStates breakerStates;

    CircuitBreakers breakers;
    /** Each source's latency histogram (bounded by the configured communities). */
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private ThreadPoolExecutor pool;
    private Clock clock = Clock.systemUTC();
    private int breakerThreshold;
    private Duration breakerOpen;

    /** For CDI: settings, metrics and breaker states are injected, then {@link #start()}. */
    public FanOut() {
    }

    /**
     * A fan-out outside the container (unit tests of the federation): no metrics, the given clock for
     * deadlines and breakers. {@link #stop()} ends its pool.
     */
    public FanOut(int maxParallelCalls, int breakerThreshold, Duration breakerOpen, BreakerStates states, Clock clock) {
        this.breakerStates = states;
        this.clock = clock;
        start(maxParallelCalls, breakerThreshold, breakerOpen);
    }

    @PostConstruct
    void start() {
        start(settings.maxParallelCalls(), settings.breakerThreshold(), settings.breakerOpen());
    }

    private void start(int size, int threshold, Duration open) {
        breakers = new CircuitBreakers(breakerStates);
        breakerThreshold = threshold;
        breakerOpen = open;
        AtomicInteger n = new AtomicInteger();
        // Bounded both ways: at most `size` calls in flight, a short queue, then refusal (reported as a failure).
        pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(size * 4), r -> {
            Thread t = new Thread(r, "fan-out-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    public void stop() {
        pool.shutdownNow();
    }

    public <T> List<SourceAnswer<T>> ask(List<Source<T>> sources, Duration overall, String correlationId) {
        return ask(sources, overall, correlationId, false);
    }

    /**
     * The gateway's own warm-up and breaker probes: every source is asked whatever its breaker says,
     * a failure is not counted against it (a cold or starting source is not an outage a clinician's
     * question saw), an answer closes its breaker; not in the per-source metrics.
     */
    public <T> List<SourceAnswer<T>> warmUp(List<Source<T>> sources, Duration overall, String correlationId) {
        return ask(sources, overall, correlationId, true);
    }

    /** The sources a clinician's question skips now (breaker open or half-open with its probe out). */
    public java.util.Set<String> openBreakers() {
        return breakers.open();
    }

    private <T> List<SourceAnswer<T>> ask(List<Source<T>> sources, Duration overall, String correlationId,
                                          boolean warmUp) {
        Instant started = clock.instant();
        Instant overallEnd = started.plus(overall);
        List<Future<T>> calls = new ArrayList<>();
        List<SourceAnswer.Outcome> notStarted = new ArrayList<>();
        for (Source<T> source : sources) {
            Future<T> call = null;
            SourceAnswer.Outcome refused = null;
            if (!warmUp && !breakers.allows(source.name(), started)) {
                refused = SourceAnswer.Outcome.SKIPPED;
            } else {
                try {
                    call = pool.submit(source.call());
                } catch (RejectedExecutionException e) {
                    if (!warmUp) {
                        breakers.released(source.name());
                    }
                    refused = SourceAnswer.Outcome.FAILED;
                }
            }
            calls.add(call);
            notStarted.add(refused);
        }
        List<SourceAnswer<T>> answers = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source<T> source = sources.get(i);
            if (calls.get(i) == null) {
                answers.add(new SourceAnswer<>(source, null, notStarted.get(i),
                        notStarted.get(i) == SourceAnswer.Outcome.SKIPPED ? "circuit open after repeated failures"
                                : "the gateway is busy", Duration.ZERO));
                continue;
            }
            Instant end = started.plus(source.deadline());
            if (end.isAfter(overallEnd)) {
                end = overallEnd;
            }
            answers.add(await(source, calls.get(i), started, end, warmUp));
        }
        for (SourceAnswer<T> a : answers) {
            if (warmUp) {
                LOG.info(() -> "event=warm-up correlation=" + correlationId + " source=" + a.source().name()
                        + " outcome=" + a.outcome().name().toLowerCase() + " ms=" + a.elapsed().toMillis()
                        + (a.reason() == null ? "" : " reason=\"" + a.reason() + "\""));
            } else {
                record(a, correlationId);
            }
        }
        return answers;
    }

    private <T> SourceAnswer<T> await(Source<T> source, Future<T> call, Instant started, Instant end, boolean warmUp) {
        long wait = Math.max(0, Duration.between(clock.instant(), end).toNanos());
        try {
            T value = call.get(wait, TimeUnit.NANOSECONDS);
            breakers.succeeded(source.name());
            return new SourceAnswer<>(source, value, SourceAnswer.Outcome.ANSWERED, null, Duration.between(started, clock.instant()));
        } catch (TimeoutException e) {
            call.cancel(true);   // its answer, should it come, is dropped
            failed(source, warmUp);
            return new SourceAnswer<>(source, null, SourceAnswer.Outcome.TIMED_OUT,
                    "no answer within " + Duration.between(started, end).toMillis() + " ms", Duration.between(started, clock.instant()));
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            java.util.OptionalInt refusal = SourceRefusal.status(cause);
            if (refusal.isPresent()) {
                // The source is up and said no: not a breaker failure, and reported as the refusal it is.
                breakers.succeeded(source.name());
                return new SourceAnswer<>(source, null, SourceAnswer.Outcome.REFUSED,
                        "refused access (HTTP " + refusal.getAsInt() + ")", Duration.between(started, clock.instant()));
            }
            failed(source, warmUp);
            return new SourceAnswer<>(source, null, SourceAnswer.Outcome.FAILED, describe(cause),
                    Duration.between(started, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            if (!warmUp) {
                breakers.released(source.name());
            }
            return new SourceAnswer<>(source, null, SourceAnswer.Outcome.FAILED, "interrupted",
                    Duration.between(started, clock.instant()));
        }
    }

    private void failed(Source<?> source, boolean warmUp) {
        if (!warmUp) {
            breakers.failed(source.name(), clock.instant(), breakerThreshold, breakerOpen);
        }
    }

    private void record(SourceAnswer<?> a, String correlationId) {
        if (metrics != null) {
            // A histogram of milliseconds: Payara's exporter shows timer durations in nanoseconds labelled seconds.
            // Looked up once per source: 20 registry lookups a question ran on the asking thread after the last answer.
            latencies.computeIfAbsent(a.source().name(),
                    name -> metrics.histogram("gateway.source.latency.millis", new Tag("source", name)))
                    .update(a.elapsed().toMillis());
            switch (a.outcome()) {
                case FAILED -> counter("gateway.source.errors", a);
                case TIMED_OUT -> counter("gateway.source.timeouts", a);
                case SKIPPED -> counter("gateway.source.skipped", a);
                case REFUSED -> counter("gateway.source.refusals", a);
                default -> {
                }
            }
        }
        // An answer is logged at FINE: N + 1 lines a question, written on the asking thread after the slowest source,
        // were 5 % of the request threads' CPU (JFR); a source that did not answer is still logged at INFO.
        LOG.log(a.answered() ? Level.FINE : Level.INFO, () -> "event=fan-out correlation=" + correlationId + " source="
                + a.source().name() + " outcome=" + a.outcome().name().toLowerCase() + " ms=" + a.elapsed().toMillis()
                + (a.reason() == null ? "" : " reason=\"" + a.reason() + "\""));
    }

    private void counter(String name, SourceAnswer<?> a) {
        metrics.counter(name, new Tag("source", a.source().name())).inc();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
