package no.dhoindex.gateway.xca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.Source;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.access.Caller;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType.DocumentRequest;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryError;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryErrorList;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * ITI-43 through the gateway: each DocumentRequest goes to the community named by its
 * homeCommunityId, or else the one whose repository it names, as ITI-39; several communities in
 * parallel. Documents come back as they came (MTOM), with each community's errors located there.
 */
@ApplicationScoped
public class FederatedRetrieve {

    private static final Logger LOG = Logger.getLogger(FederatedRetrieve.class.getName());

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

    /** Retrieves on behalf of {@code caller}: each community gets an assertion bound to the caller's patient. */
    public RetrieveDocumentSetResponseType retrieve(Caller caller, RetrieveDocumentSetRequestType request,
                                                    String correlationId) {
        Map<Community, RetrieveDocumentSetRequestType> routed = new LinkedHashMap<>();
        List<RegistryError> errors = new ArrayList<>();
        for (DocumentRequest document : request.getDocumentRequest()) {
            Optional<Community> community = document.getHomeCommunityId() != null
                    ? directory.byHomeCommunityId(document.getHomeCommunityId())
                    : Optional.ofNullable(document.getRepositoryUniqueId()).flatMap(directory::byRepository);
            if (community.isEmpty()) {
                errors.add(AnswerMerge.error(document.getHomeCommunityId() != null ? "XDSUnknownCommunity"
                                : "XDSUnknownRepositoryId", "No community known for document " + document.getDocumentUniqueId(),
                        document.getHomeCommunityId() != null ? document.getHomeCommunityId() : document.getRepositoryUniqueId()));
                continue;
            }
            DocumentRequest addressed = new DocumentRequest();
            addressed.setHomeCommunityId(community.get().homeCommunityId());
            addressed.setRepositoryUniqueId(document.getRepositoryUniqueId());
            addressed.setDocumentUniqueId(document.getDocumentUniqueId());
            routed.computeIfAbsent(community.get(), c -> new RetrieveDocumentSetRequestType()).getDocumentRequest().add(addressed);
        }
        List<Source<RetrieveDocumentSetResponseType>> sources = new ArrayList<>();
        routed.forEach((c, part) -> {
            var assertion = xua.forCommunity(caller, c.homeCommunityId());
            sources.add(new Source<>(c.name(), c.homeCommunityId(), c.deadline(),
                    () -> clients.crossGatewayRetrieve(c.retrieveUrl(), c.deadline(), correlationId, assertion)
                            .documentRepositoryRetrieveDocumentSet(part)));
        });
        RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
        int answered = 0;
        for (SourceAnswer<RetrieveDocumentSetResponseType> a : fanOut.ask(sources, settings.overallDeadline(), correlationId)) {
            if (a.refused()) {
                errors.add(AnswerMerge.error(AnswerMerge.REFUSED_RETRIEVE, a.source().name() + ": " + a.reason(),
                        a.source().location()));
                continue;
            }
            if (!a.answered()) {
                errors.add(AnswerMerge.error(AnswerMerge.UNAVAILABLE, a.source().name() + ": " + a.reason(),
                        a.source().location()));
                continue;
            }
            response.getDocumentResponse().addAll(a.value().getDocumentResponse());
            RegistryResponseType status = a.value().getRegistryResponse();
            if (status != null && status.getRegistryErrorList() != null) {
                for (RegistryError e : status.getRegistryErrorList().getRegistryError()) {
                    if (e.getLocation() == null || e.getLocation().isBlank()) {
                        e.setLocation(a.source().location());
                    }
                    errors.add(e);
                }
            }
            if (!a.value().getDocumentResponse().isEmpty()) {
                answered++;
            }
        }
        RegistryResponseType status = new RegistryResponseType();
        boolean documents = !response.getDocumentResponse().isEmpty();
        status.setStatus(errors.isEmpty() ? AnswerMerge.SUCCESS : documents ? AnswerMerge.PARTIAL : AnswerMerge.FAILURE);
        if (!errors.isEmpty()) {
            RegistryErrorList list = new RegistryErrorList();
            list.getRegistryError().addAll(errors);
            status.setRegistryErrorList(list);
        }
        response.setRegistryResponse(status);
        int communities = routed.size();
        int fromCommunities = answered;
        LOG.info(() -> "event=iti43-federated correlation=" + correlationId + " communities=" + communities
                + " answered=" + fromCommunities + " documents=" + response.getDocumentResponse().size()
                + " errors=" + errors.size());
        return response;
    }
}
