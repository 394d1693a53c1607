package no.dhoindex.gateway.xca;

import java.util.ArrayList;
import java.util.List;
import no.dhoindex.gateway.federation.DocumentRequest;
import no.dhoindex.gateway.federation.RetrieveAnswer;
import no.dhoindex.gateway.federation.RetrievedDocument;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.query.QueryAnswer;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryError;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryErrorList;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * The retrieve's ebXML edge (ITI-43 / ITI-39, ITI TF-2b 3.39.4): requests and answers between the
 * wire and the federation's domain types; documents pass through as they came (MTOM).
 */
public final class RetrieveMessages {

    public static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    public static final String PARTIAL = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
    public static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    private static final String WARNING = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning";
    private static final String ERROR = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";

    private RetrieveMessages() {
    }

    public static List<DocumentRequest> read(RetrieveDocumentSetRequestType request) {
        return request.getDocumentRequest().stream().map(d -> new DocumentRequest(d.getHomeCommunityId(),
                d.getRepositoryUniqueId(), d.getDocumentUniqueId())).toList();
    }

    public static RetrieveDocumentSetRequestType write(List<DocumentRequest> documents) {
        RetrieveDocumentSetRequestType request = new RetrieveDocumentSetRequestType();
        for (DocumentRequest d : documents) {
            RetrieveDocumentSetRequestType.DocumentRequest wire = new RetrieveDocumentSetRequestType.DocumentRequest();
            wire.setHomeCommunityId(d.homeCommunityId());
            wire.setRepositoryUniqueId(d.repositoryUniqueId());
            wire.setDocumentUniqueId(d.documentUniqueId());
            request.getDocumentRequest().add(wire);
        }
        return request;
    }

    /** A source's answer on domain types; an error code we do not know is XDSRepositoryError naming it. */
    public static RetrieveAnswer read(RetrieveDocumentSetResponseType response) {
        List<RetrievedDocument> documents = new ArrayList<>();
        for (RetrieveDocumentSetResponseType.DocumentResponse d : response.getDocumentResponse()) {
            documents.add(new RetrievedDocument(new DocumentRequest(d.getHomeCommunityId(), d.getRepositoryUniqueId(),
                    d.getDocumentUniqueId()), d.getMimeType(), d.getDocument()));
        }
        List<XdsError> errors = new ArrayList<>();
        RegistryResponseType status = response.getRegistryResponse();
        if (status != null && status.getRegistryErrorList() != null) {
            for (RegistryError e : status.getRegistryErrorList().getRegistryError()) {
                var known = XdsErrorCode.fromWire(e.getErrorCode());
                errors.add(new XdsError(known.orElse(XdsErrorCode.REPOSITORY_ERROR), known.isPresent() ? e.getCodeContext()
                        : e.getErrorCode() + ": " + e.getCodeContext(), e.getLocation(),
                        WARNING.equals(e.getSeverity()) ? XdsError.Severity.WARNING : XdsError.Severity.ERROR));
            }
        }
        String wire = status == null ? null : status.getStatus();
        QueryAnswer.Status s = SUCCESS.equals(wire) ? QueryAnswer.Status.SUCCESS
                : PARTIAL.equals(wire) ? QueryAnswer.Status.PARTIAL_SUCCESS : QueryAnswer.Status.FAILURE;
        return new RetrieveAnswer(s, documents, errors, List.of());
    }

    public static RetrieveDocumentSetResponseType write(RetrieveAnswer answer) {
        RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
        for (RetrievedDocument d : answer.documents()) {
            RetrieveDocumentSetResponseType.DocumentResponse wire = new RetrieveDocumentSetResponseType.DocumentResponse();
            wire.setHomeCommunityId(d.id().homeCommunityId());
            wire.setRepositoryUniqueId(d.id().repositoryUniqueId());
            wire.setDocumentUniqueId(d.id().documentUniqueId());
            wire.setMimeType(d.mimeType());
            wire.setDocument(d.content());
            response.getDocumentResponse().add(wire);
        }
        response.setRegistryResponse(status(answer.status(), answer.errors()));
        return response;
    }

    /** A retrieve refused before anything was asked: Failure with one error. */
    public static RetrieveDocumentSetResponseType failure(XdsErrorCode code, String context) {
        return write(new RetrieveAnswer(QueryAnswer.Status.FAILURE, List.of(),
                List.of(XdsError.error(code, context, null)), List.of()));
    }

    private static RegistryResponseType status(QueryAnswer.Status status, List<XdsError> errors) {
        RegistryResponseType response = new RegistryResponseType();
        response.setStatus(switch (status) {
            case SUCCESS -> SUCCESS;
            case PARTIAL_SUCCESS -> PARTIAL;
            case FAILURE -> FAILURE;
        });
        if (!errors.isEmpty()) {
            RegistryErrorList list = new RegistryErrorList();
            for (XdsError e : errors) {
                RegistryError error = new RegistryError();
                error.setErrorCode(e.code().code());
                error.setCodeContext(e.context());
                error.setLocation(e.location());
                error.setSeverity(e.severity() == XdsError.Severity.WARNING ? WARNING : ERROR);
                list.getRegistryError().add(error);
            }
            response.setRegistryErrorList(list);
        }
        return response;
    }
}
