package no.dhoindex.gateway.xca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.bind.JAXBElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.Source;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AdhocQueryType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ExtrinsicObjectType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.IdentifiableType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;

/**
 * ITI-18 through the gateway: the registry is asked first (its pointers say which communities hold
 * data on the patient), then those communities and the always-asked ones (other gateways) in
 * parallel with ITI-38; the answers are merged. A query the registry cannot narrow (its answer
 * holds no repository ids, e.g. ObjectRef, or it was unavailable) goes to every community; one it
 * refused goes to none.
 */
@ApplicationScoped
public class FederatedQuery {

    private static final Logger LOG = Logger.getLogger(FederatedQuery.class.getName());

    @Inject
    GatewaySettings settings;

    @Inject
    CommunityDirectory directory;

    @Inject
    CommunityClients clients;

    @Inject
    FanOut fanOut;

    @Inject
    no.dhoindex.gateway.security.GatewayXua xua;

    /**
     * Asks on behalf of {@code caller}: every source gets an assertion bound to the caller's patient,
     * so each selects only that patient's objects. A registry that refuses ends the question there (a
     * refusal, and no community asked); a community that refuses is reported as refused.
     */
    public AdhocQueryResponse ask(Caller caller, AdhocQueryRequest request, String correlationId) {
        return answer(caller, request, correlationId, false, c -> true).response();
    }

    /** The merged answer and what each source (the registry first) answered. */
    public record Federated(AdhocQueryResponse response, List<SourceAnswer<AdhocQueryResponse>> sources) {
    }

    /**
     * The gateway's warm-up: the same question through the same code path (XUA signatures, SOAP
     * clients, merge), asked of every source whatever its breaker says and counted in no breaker
     * ({@link FanOut#warmUp}); the caller is the gateway's warm-up caller, never a clinician.
     * {@code communities} narrows which communities are asked (a probe of those whose breaker is open).
     */
    public Federated warmUp(Caller warmUpCaller, AdhocQueryRequest request, String correlationId,
                            java.util.function.Predicate<Community> communities) {
        return answer(warmUpCaller, request, correlationId, true, communities);
    }

    private List<SourceAnswer<AdhocQueryResponse>> fanOut(List<Source<AdhocQueryResponse>> sources,
                                                          java.time.Duration overall, String correlationId,
                                                          boolean warmUp) {
        return warmUp ? fanOut.warmUp(sources, overall, correlationId) : fanOut.ask(sources, overall, correlationId);
    }

    private Federated answer(Caller caller, AdhocQueryRequest request, String correlationId, boolean warmUp,
                             java.util.function.Predicate<Community> only) {
        long started = System.nanoTime();
        List<Community> communities = directory.communities();
        var registryAssertion = xua.forRegistry(caller);
        SourceAnswer<AdhocQueryResponse> registry = fanOut(List.of(new Source<>("registry", null,
                settings.registryDeadline(), () -> clients.registry(settings.registryUrl(), settings.registryDeadline(),
                correlationId, registryAssertion).documentRegistryRegistryStoredQuery(request))), settings.overallDeadline(),
                correlationId, warmUp).get(0);
        if (registry.refused()) {
            // Asking every community instead would widen a refused question: it is refused, to the caller.
            LOG.warning(() -> "event=iti18-federated correlation=" + correlationId + " outcome=refused-by-registry"
                    + " reason=\"" + registry.reason() + "\"");
            throw new AccessDenied("registry-refused", "the registry refused access: " + registry.reason());
        }
        Set<Community> asked = new LinkedHashSet<>();
        Set<String> repositories = registry.answered() ? repositories(registry.value()) : Set.of();
        for (Community c : communities) {
            boolean narrowed = registry.answered() && !repositories.isEmpty();
            if (only.test(c) && (c.alwaysAsked() || !narrowed || repositories.stream().anyMatch(c::holds))) {
                asked.add(c);
            }
        }
        List<Source<AdhocQueryResponse>> sources = new ArrayList<>();
        for (Community c : asked) {
            AdhocQueryRequest forCommunity = addressedTo(request, c.homeCommunityId());
            var assertion = xua.forCommunity(caller, c.homeCommunityId());
            sources.add(new Source<>(c.name(), c.homeCommunityId(), c.deadline(), () -> clients
                    .crossGatewayQuery(c.queryUrl(), c.deadline(), correlationId, assertion)
                    .documentRegistryRegistryStoredQuery(forCommunity)));
        }
        long remaining = settings.overallDeadline().toMillis() - (System.nanoTime() - started) / 1_000_000;
        List<SourceAnswer<AdhocQueryResponse>> answers = fanOut(sources,
                java.time.Duration.ofMillis(Math.max(0, remaining)), correlationId, warmUp);

        AnswerMerge merge = new AnswerMerge();
        answers.forEach(merge::add);
        if (registry.answered()) {
            stampHomes(registry.value(), communities);
            withoutCommunityCopies(registry.value(), communities);
        }
        merge.add(registry);
        AdhocQueryResponse response = merge.response();
        LOG.info(() -> "event=iti18-federated correlation=" + correlationId + " communities=" + asked.size()
                + " status=" + response.getStatus().substring(response.getStatus().lastIndexOf(':') + 1)
                + " objects=" + response.getRegistryObjectList().getIdentifiable().size()
                + " ms=" + (System.nanoTime() - started) / 1_000_000 + (warmUp ? " warmUp=true" : ""));
        List<SourceAnswer<AdhocQueryResponse>> all = new ArrayList<>();
        all.add(registry);
        all.addAll(answers);
        return new Federated(response, all);
    }

    /** The same question with the community's homeCommunityId on the query, as XCA asks (ITI-38). */
    private static AdhocQueryRequest addressedTo(AdhocQueryRequest request, String home) {
        AdhocQueryRequest copy = new AdhocQueryRequest();
        copy.setResponseOption(request.getResponseOption());
        copy.setFederated(request.isFederated());
        copy.setFederation(request.getFederation());
        copy.setStartIndex(request.getStartIndex());
        copy.setMaxResults(request.getMaxResults());
        AdhocQueryType query = new AdhocQueryType();
        query.setId(request.getAdhocQuery().getId());
        query.setHome(home);
        query.getSlot().addAll(request.getAdhocQuery().getSlot());
        copy.setAdhocQuery(query);
        return copy;
    }

    private static Set<String> repositories(AdhocQueryResponse response) {
        Set<String> ids = new LinkedHashSet<>();
        if (response.getRegistryObjectList() == null) {
            return ids;
        }
        for (JAXBElement<? extends IdentifiableType> e : response.getRegistryObjectList().getIdentifiable()) {
            if (e.getValue() instanceof ExtrinsicObjectType document) {
                ids.addAll(slot(document, "repositoryUniqueId"));
            }
        }
        return ids;
    }

    /**
     * A community's own answer is what it shares: it applies its rules (NORS, a patient's blocking,
     * minimisation) before anything leaves it, and the registry cannot. So the registry's copies of
     * a known community's pointers are dropped, whether or not that community answered (fail
     * closed); the registry speaks only for sources no community in the directory holds.
     */
    private static void withoutCommunityCopies(AdhocQueryResponse response, List<Community> communities) {
        if (response.getRegistryObjectList() == null) {
            return;
        }
        Set<String> dropped = new java.util.HashSet<>();
        response.getRegistryObjectList().getIdentifiable().removeIf(e -> {
            if (e.getValue() instanceof ExtrinsicObjectType document
                    && slot(document, "repositoryUniqueId").stream().anyMatch(r -> communities.stream().anyMatch(c -> c.holds(r)))) {
                dropped.add(document.getId());
                return true;
            }
            return false;
        });
        response.getRegistryObjectList().getIdentifiable().removeIf(e -> e.getValue()
                instanceof org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AssociationType1 a
                && (dropped.contains(a.getSourceObject()) || dropped.contains(a.getTargetObject())));
    }

    /** The registry's pointers carry the home of the community whose repository holds them. */
    private static void stampHomes(AdhocQueryResponse response, List<Community> communities) {
        if (response.getRegistryObjectList() == null) {
            return;
        }
        for (JAXBElement<? extends IdentifiableType> e : response.getRegistryObjectList().getIdentifiable()) {
            if (e.getValue() instanceof ExtrinsicObjectType document && document.getHome() == null) {
                for (String repository : slot(document, "repositoryUniqueId")) {
                    communities.stream().filter(c -> c.holds(repository)).findFirst()
                            .ifPresent(c -> document.setHome(c.homeCommunityId()));
                }
            }
        }
    }

    private static List<String> slot(IdentifiableType object, String name) {
        for (SlotType1 slot : object.getSlot()) {
            if (name.equals(slot.getName()) && slot.getValueList() != null) {
                return slot.getValueList().getValue();
            }
        }
        return List.of();
    }
}
