package no.dhoindex.gateway.federation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.Source;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.query.QueryAnswer;

/**
 * A retrieve through the gateway (ITI-43 in, ITI-39 out, ITI TF-2b 3.39): each document goes to the
 * community its homeCommunityId names, or else the one holding the repository it names; several
 * communities in parallel. A document no community is known for is XDSUnknownCommunity /
 * XDSUnknownRepositoryId; a community that refused is XDSRepositoryError (its context says so), one
 * that did not answer XDSUnavailableCommunity; each community's own errors are located there.
 */
public final class FederatedRetrieval {

    private static final Logger LOG = Logger.getLogger(FederatedRetrieval.class.getName());
    /** A community that refused access: the responding gateway's repository side refused (no XDS code says "refused"). */
    static final XdsErrorCode REFUSED = XdsErrorCode.REPOSITORY_ERROR;

    private final Supplier<List<Community>> communities;
    private final FederationSources ports;
    private final FanOut fanOut;
    private final Duration overallDeadline;

    public FederatedRetrieval(Supplier<List<Community>> communities, FederationSources ports, FanOut fanOut,
                              Duration overallDeadline) {
        this.communities = communities;
        this.ports = ports;
        this.fanOut = fanOut;
        this.overallDeadline = overallDeadline;
    }

    public RetrieveAnswer retrieve(Caller caller, List<DocumentRequest> documents, String correlationId) {
        List<Community> known = communities.get();
        Map<Community, List<DocumentRequest>> routed = new LinkedHashMap<>();
        List<XdsError> errors = new ArrayList<>();
        for (DocumentRequest d : documents) {
            Optional<Community> community = route(known, d);
            if (community.isEmpty()) {
                boolean byHome = d.homeCommunityId() != null;
                errors.add(XdsError.error(byHome ? XdsErrorCode.UNKNOWN_COMMUNITY : XdsErrorCode.UNKNOWN_REPOSITORY_ID,
                        "No community known for document " + d.documentUniqueId(),
                        byHome ? d.homeCommunityId() : d.repositoryUniqueId()));
                continue;
            }
            routed.computeIfAbsent(community.get(), c -> new ArrayList<>()).add(new DocumentRequest(
                    community.get().homeCommunityId(), d.repositoryUniqueId(), d.documentUniqueId()));
        }
        List<Source<RetrieveAnswer>> sources = new ArrayList<>();
        routed.forEach((c, part) -> sources.add(new Source<>(c.name(), c.homeCommunityId(), c.deadline(),
                ports.retrieval(c).retrieval(caller, part, correlationId))));
        List<RetrievedDocument> found = new ArrayList<>();
        List<SourceOutcome> outcomes = new ArrayList<>();
        for (SourceAnswer<RetrieveAnswer> a : fanOut.ask(sources, overallDeadline, correlationId)) {
            String home = a.source().location();
            if (!a.answered()) {
                XdsErrorCode code = a.refused() ? REFUSED : XdsErrorCode.UNAVAILABLE_COMMUNITY;
                errors.add(XdsError.error(code, a.source().name() + ": " + a.reason(), home));
                outcomes.add(new SourceOutcome(a.source().name(), home, a.outcome(), Optional.of(code), a.reason(),
                        a.elapsed(), List.of()));
                continue;
            }
            found.addAll(a.value().documents());
            List<XdsError> reported = a.value().errors().stream()
                    .map(e -> e.location() == null || e.location().isBlank() ? e.locatedAt(home) : e).toList();
            errors.addAll(reported);
            outcomes.add(new SourceOutcome(a.source().name(), home, a.outcome(),
                    reported.stream().map(XdsError::code).findFirst(), a.reason(), a.elapsed(), reported));
        }
        boolean anyError = errors.stream().anyMatch(e -> e.severity() == XdsError.Severity.ERROR);
        QueryAnswer.Status status = !anyError ? QueryAnswer.Status.SUCCESS
                : found.isEmpty() ? QueryAnswer.Status.FAILURE : QueryAnswer.Status.PARTIAL_SUCCESS;
        LOG.info(() -> "event=federated-retrieve correlation=" + correlationId + " communities=" + routed.size()
                + " documents=" + found.size() + " errors=" + errors.size());
        return new RetrieveAnswer(status, found, errors, outcomes);
    }

    private static Optional<Community> route(List<Community> known, DocumentRequest d) {
        if (d.homeCommunityId() != null) {
            return known.stream().filter(c -> c.homeCommunityId().equals(d.homeCommunityId())).findFirst();
        }
        return d.repositoryUniqueId() == null ? Optional.empty()
                : known.stream().filter(c -> c.holds(d.repositoryUniqueId())).findFirst();
    }
}
