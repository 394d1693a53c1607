package no.dhoindex.gateway.warmup;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.StoredQuery;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.gateway.access.AccessLog;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.security.GatewayXua;
import no.dhoindex.gateway.federation.FederatedAnswer;
import no.dhoindex.gateway.federation.Federation;
import no.dhoindex.gateway.federation.SourceOutcome;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The gateway's warm-up, before it reports ready: its first XUA signature, its access-log database,
 * and a few rounds of a real federated ITI-18 FindDocuments through the code path a clinician's
 * question takes (JIT, SOAP clients and their connections, the registry and every community asked),
 * until every source answers within its deadline or {@code dho.gateway.warmUp.maxMillis} passes.
 *
 * <p>No clinician and no real patient is involved: the question is asked by the explicit warm-up
 * caller about {@link #WARM_UP_PATIENT}, a synthetic (Tenor) national id reserved for this that no
 * person has and no source holds data on. The gateway writes no access-log record for it (no one
 * looked at anyone); the sources log it under the warm-up caller's name. Warm-up failures count in no
 * circuit breaker. After warm-up the same question probes, every {@code dho.gateway.breaker.probeMillis},
 * the sources whose breaker is open, so one that answers again is asked again at once.
 */
@ApplicationScoped
public class GatewayWarmUp {

    private static final Logger LOG = Logger.getLogger(GatewayWarmUp.class.getName());
    /** Synthetic (Tenor: month + 80) with valid check digits: passes every source's checks, names no one. */
    public static final PatientId WARM_UP_PATIENT = PatientId.nationalId("01810000186");
    /** The gateway itself warming up: purpose and role any source serves, no HPR number, no organisation. */
    public static final Caller WARM_UP_CALLER = Caller.healthPersonnel("urn:dho-index:gateway:warm-up",
            "DHO Index gateway warm-up (system, no clinician)", null, null, "LE", "TREAT", WARM_UP_PATIENT);
    private static final long PAUSE_MILLIS = 500;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    GatewaySettings settings;

    @Inject
    CommunityDirectory directory;

    @Inject
    Federation federation;

    @Inject
    FanOut fanOut;

    @Inject
    GatewayXua xua;

    @Inject
    AccessLog accessLog;

    private final AtomicLong questions = new AtomicLong();
    private volatile WarmUpProgress progress;
    private volatile boolean stopped;
    private ScheduledFuture<?> probes;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<String> sources = new ArrayList<>();
        sources.add("registry");
        directory.communities().forEach(c -> sources.add(c.name()));
        progress = new WarmUpProgress(Clock.systemUTC(), settings.warmUpBound(), settings.warmUpRounds(), sources);
        scheduler.execute(this::warmUp);
        long every = settings.breakerProbe().toMillis();
        probes = scheduler.scheduleWithFixedDelay(this::probeOpenBreakers, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (probes != null) {
            probes.cancel(false);
        }
    }

    /** The warm-up's progress (readiness); DOWN until {@link #start} has run. */
    public Optional<WarmUpProgress> progress() {
        return Optional.ofNullable(progress);
    }

    private void warmUp() {
        LOG.info("event=warm-up outcome=started");
        try {
            while (!stopped && !progress.ready()) {
                try {
                    xua.forRegistry(WARM_UP_CALLER);
                    accessLog.forPatient(WARM_UP_PATIENT, 1);
                    progress.signed();
                } catch (RuntimeException e) {
                    progress.signingFailed(String.valueOf(e.getMessage()));
                    LOG.log(Level.WARNING, e, () -> "event=warm-up outcome=signing-failed");
                }
                if (progress.moreNeeded()) {
                    progress.round(outcomes(ask(null)));
                }
                if (!progress.ready()) {
                    Thread.sleep(PAUSE_MILLIS);
                }
            }
            LOG.info(() -> "event=warm-up outcome=" + (progress.ready() ? "ready" : "stopped")
                    + " notAnswering=" + progress.notAnswering());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, e, () -> "event=warm-up outcome=error");
        }
    }

    /** A source whose breaker is open gets the warm-up question; its answer closes the breaker. */
    private void probeOpenBreakers() {
        try {
            var open = fanOut.openBreakers();
            if (!open.isEmpty() && progress.ready()) {
                ask(open);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, e, () -> "event=breaker-probe outcome=error");
        }
    }

    /** The warm-up question; {@code only}: ask no community but these (the registry is always asked). */
    private FederatedAnswer ask(java.util.Set<String> only) {
        String correlation = "warm-up-" + questions.incrementAndGet();
        FederatedAnswer answer = federation.warmUp(WARM_UP_CALLER, findDocuments(), correlation,
                only == null ? c -> true : (Community c) -> only.contains(c.name()));
        return answer;
    }

    private static Map<String, Optional<String>> outcomes(FederatedAnswer answer) {
        Map<String, Optional<String>> outcomes = new LinkedHashMap<>();
        for (SourceOutcome a : answer.sources()) {
            outcomes.put(a.source(), a.answered() ? Optional.empty()
                    : Optional.of(a.outcome().name().toLowerCase() + (a.reason() == null ? "" : ": " + a.reason())));
        }
        return outcomes;
    }

    /** FindDocuments (approved, stable and on-demand) about the warm-up patient, as a clinician's system asks. */
    static StoredQuery findDocuments() {
        return new StoredQuery.FindDocuments(WARM_UP_PATIENT, DocumentFilter.approved(
                Set.of(DocumentEntryType.STABLE, DocumentEntryType.ON_DEMAND), CodeFilter.ANY));
    }
}
