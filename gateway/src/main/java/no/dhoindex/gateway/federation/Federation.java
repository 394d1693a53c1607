package no.dhoindex.gateway.federation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.Source;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.StoredQuery;

/**
 * A stored query through the gateway, in domain terms (ITI-18 in, XCA Initiating Gateway, ITI TF-2b
 * 3.38): the registry is asked first — its pointers say which communities hold data on the patient —
 * then those communities and the always-asked ones (other gateways) in parallel, each within its
 * deadline and never past the overall one; the answers are merged. A question the registry cannot
 * narrow (it found no pointer, or it was unavailable) goes to every community; one it refused goes
 * to none. The caller is explicit: each port asks with an assertion bound to the caller's patient.
 */
public final class Federation {

    private static final Logger LOG = Logger.getLogger(Federation.class.getName());
    static final String REGISTRY = "registry";

    private final Supplier<List<Community>> communities;
    private final FederationSources ports;
    private final FanOut fanOut;
    private final Duration registryDeadline;
    private final Duration overallDeadline;
    private final Clock clock;

    public Federation(Supplier<List<Community>> communities, FederationSources ports, FanOut fanOut,
                      Duration registryDeadline, Duration overallDeadline, Clock clock) {
        this.communities = communities;
        this.ports = ports;
        this.fanOut = fanOut;
        this.registryDeadline = registryDeadline;
        this.overallDeadline = overallDeadline;
        this.clock = clock;
    }

    /** A clinician's question (breakers apply, failures count). A registry that refuses ends it: {@link AccessDenied}. */
    public FederatedAnswer ask(Caller caller, StoredQuery query, String correlationId) {
        return answer(caller, query, correlationId, false, c -> true);
    }

    /**
     * The gateway's warm-up: the same question through the same ports, asked of every source whatever
     * its breaker says and counted in no breaker ({@link FanOut#warmUp}); {@code only} narrows which
     * communities are asked (a probe of those whose breaker is open).
     */
    public FederatedAnswer warmUp(Caller warmUpCaller, StoredQuery query, String correlationId,
                                  Predicate<Community> only) {
        return answer(warmUpCaller, query, correlationId, true, only);
    }

    private FederatedAnswer answer(Caller caller, StoredQuery query, String correlationId, boolean warmUp,
                                   Predicate<Community> only) {
        Instant started = clock.instant();
        List<Community> known = communities.get();
        PatientId patient = query.patient().or(() -> caller.patients().patient()).orElse(null);
        SourceAnswer<QueryAnswer> registry = fanOut(List.of(new Source<>(REGISTRY, null, registryDeadline,
                readable(REGISTRY, patient, ports.registry().question(caller, query, correlationId), correlationId))),
                overallDeadline, correlationId, warmUp).get(0);
        if (registry.refused()) {
            // Asking every community instead would widen a refused question: it is refused, to the caller.
            LOG.warning(() -> "event=federated-query correlation=" + correlationId + " outcome=refused-by-registry"
                    + " reason=\"" + registry.reason() + "\"");
            throw new AccessDenied("registry-refused", "the registry refused access: " + registry.reason());
        }
        Set<Community> asked = asked(known, registry, only);
        List<Source<QueryAnswer>> sources = new ArrayList<>();
        for (Community c : asked) {
            sources.add(new Source<>(c.name(), c.homeCommunityId(), c.deadline(),
                    readable(c.name(), patient, ports.community(c).question(caller, query, correlationId), correlationId)));
        }
        Duration remaining = overallDeadline.minus(Duration.between(started, clock.instant()));
        List<SourceAnswer<QueryAnswer>> answers = fanOut(sources, remaining.isNegative() ? Duration.ZERO : remaining,
                correlationId, warmUp);

        ResultMerge merge = new ResultMerge();
        answers.forEach(a -> merge.add(a, a.source().location()));
        merge.add(registry.answered() ? withoutCommunityCopies(registry, known) : registry, null);
        QueryAnswer merged = merge.merged();
        List<SourceOutcome> outcomes = new ArrayList<>(merge.outcomes());
        // The registry first, as it was asked first.
        outcomes.add(0, outcomes.remove(outcomes.size() - 1));
        LOG.info(() -> "event=federated-query correlation=" + correlationId + " query="
                + query.getClass().getSimpleName() + " communities=" + asked.size() + " status=" + merged.status()
                + " objects=" + merged.result().size() + " ms=" + Duration.between(started, clock.instant()).toMillis()
                + (warmUp ? " warmUp=true" : ""));
        return new FederatedAnswer(merged, outcomes);
    }

    /**
     * A source's answer as the federation may use it. One that cannot be read into the domain (the
     * ebXML edge's {@link XdsRefusal}, e.g. an entry without a patientId) or that holds an object of
     * any other patient than {@code patient} is not merged at all (fail closed): the source answered,
     * wrongly, so its outcome is a Failure carrying the XDS error that says why (located at the source
     * by the merge), and the others still merge. Not a breaker failure: the source is up.
     * {@code patient} null: the question names none and the caller is bound to none (security off).
     */
    static Callable<QueryAnswer> readable(String source, PatientId patient, Callable<QueryAnswer> call,
                                          String correlationId) {
        return () -> {
            QueryAnswer answer;
            try {
                answer = call.call();
            } catch (XdsRefusal unreadable) {
                return unusable(source, unreadable.errorCode(), unreadable.getMessage(), correlationId);
            }
            if (patient != null && holdsAnotherPatient(answer.result(), patient)) {
                // Never named: the other patient's id is not the caller's to see, not even in an error.
                return unusable(source, XdsErrorCode.REGISTRY_METADATA_ERROR,
                        "the answer holds objects of another patient than the one asked about", correlationId);
            }
            return answer;
        };
    }

    private static boolean holdsAnotherPatient(QueryResult r, PatientId patient) {
        return r.documents().stream().anyMatch(d -> !patient.equals(d.patientId()))
                || r.submissionSets().stream().anyMatch(s -> !patient.equals(s.patientId()))
                || r.folders().stream().anyMatch(f -> !patient.equals(f.patientId()));
    }

    private static QueryAnswer unusable(String source, XdsErrorCode code, String reason, String correlationId) {
        LOG.warning(() -> "event=unusable-answer correlation=" + correlationId + " source=" + source
                + " error=" + code.code() + " reason=\"" + reason + "\"");
        return new QueryAnswer(QueryAnswer.Status.FAILURE, QueryResult.EMPTY,
                List.of(XdsError.error(code, source + ": " + reason, null)));
    }

    /** The communities a question goes to, after the registry's answer. */
    static Set<Community> asked(List<Community> known, SourceAnswer<QueryAnswer> registry, Predicate<Community> only) {
        Set<String> repositories = new HashSet<>();
        if (registry.answered()) {
            registry.value().result().documents().forEach(d -> {
                if (d.location() != null && d.location().repositoryUniqueId() != null) {
                    repositories.add(d.location().repositoryUniqueId());
                }
            });
        }
        boolean narrowed = !repositories.isEmpty();
        Set<Community> asked = new LinkedHashSet<>();
        for (Community c : known) {
            if (only.test(c) && (c.alwaysAsked() || !narrowed || repositories.stream().anyMatch(c::holds))) {
                asked.add(c);
            }
        }
        return asked;
    }

    /**
     * A community's own answer is what it shares: it applies its rules (NORS, a patient's blocking,
     * minimisation) before anything leaves it, and the registry cannot. So the registry's copies of a
     * known community's pointers are dropped, with the associations to them, whether or not that
     * community answered (fail closed); the registry speaks only for sources no community holds.
     */
    static SourceAnswer<QueryAnswer> withoutCommunityCopies(SourceAnswer<QueryAnswer> registry, List<Community> known) {
        QueryAnswer answer = registry.value();
        QueryResult r = answer.result();
        Set<String> dropped = new HashSet<>();
        List<DocumentPointer> kept = new ArrayList<>();
        for (DocumentPointer d : r.documents()) {
            String repository = d.location() == null ? null : d.location().repositoryUniqueId();
            if (repository != null && known.stream().anyMatch(c -> c.holds(repository))) {
                dropped.add(d.entryUuid());
            } else {
                kept.add(d);
            }
        }
        QueryResult narrowed = new QueryResult(kept, r.submissionSets(), r.folders(), r.associations().stream()
                .filter(a -> !dropped.contains(a.sourceUuid()) && !dropped.contains(a.targetUuid())).toList());
        return new SourceAnswer<>(registry.source(), new QueryAnswer(answer.status(), narrowed, answer.errors()),
                registry.outcome(), registry.reason(), registry.elapsed());
    }

    private <T> List<SourceAnswer<T>> fanOut(List<Source<T>> sources, Duration overall, String correlationId,
                                             boolean warmUp) {
        return warmUp ? fanOut.warmUp(sources, overall, correlationId) : fanOut.ask(sources, overall, correlationId);
    }
}
