package no.dhoindex.adapters.interfaces.soap;

import jakarta.activation.DataHandler;
import java.util.ArrayList;
import java.util.List;
import no.dhoindex.adapters.retrieve.RetrieveDocuments;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/** ITI-43 / ITI-39 wire mapping: requests in, documents (MTOM) and RegistryErrors out. */
final class RetrieveResponses {

    static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    static final String PARTIAL = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
    static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";

    private RetrieveResponses() {
    }

    static List<RetrieveDocuments.Request> requests(RetrieveDocumentSetRequestType body) {
        List<RetrieveDocuments.Request> requests = new ArrayList<>();
        for (var r : body.getDocumentRequest()) {
            requests.add(new RetrieveDocuments.Request(r.getHomeCommunityId(), r.getRepositoryUniqueId(),
                    r.getDocumentUniqueId()));
        }
        return requests;
    }

    static RetrieveDocumentSetResponseType response(List<RetrieveDocuments.Result> results) {
        RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
        List<XdsRefusal> refusals = new ArrayList<>();
        for (RetrieveDocuments.Result result : results) {
            if (result.refusal() != null) {
                refusals.add(result.refusal());
                continue;
            }
            var document = new RetrieveDocumentSetResponseType.DocumentResponse();
            document.setHomeCommunityId(result.request().homeCommunityId());
            document.setRepositoryUniqueId(result.request().repositoryUniqueId());
            document.setDocumentUniqueId(result.request().documentUniqueId());
            document.setMimeType(result.mimeType());
            document.setDocument(new DataHandler(new BytesDataSource(result.content(), result.mimeType())));
            response.getDocumentResponse().add(document);
        }
        RegistryResponseType status = refusals.isEmpty() ? XdsMessages.success() : XdsMessages.failure(refusals);
        if (!refusals.isEmpty() && !response.getDocumentResponse().isEmpty()) {
            status.setStatus(PARTIAL);
        }
        response.setRegistryResponse(status);
        return response;
    }

    static RetrieveDocumentSetResponseType failure(XdsRefusal refusal) {
        RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
        response.setRegistryResponse(XdsMessages.failure(List.of(refusal)));
        return response;
    }
}
