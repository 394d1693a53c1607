package no.dhoindex.adapters.interfaces.soap;

import jakarta.activation.DataHandler;
import no.dhoindex.adapters.access.SourceAccessLog;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.adapters.repository.DocumentRepositoryPortType;
import no.dhoindex.adapters.repository.ProvideAndRegister;
import no.dhoindex.adapters.retrieve.RetrieveDocuments;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.wire.XdsMessages;
import no.dhoindex.shared.xua.XuaClaims;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.ProvideAndRegisterDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * ITI-41 and ITI-43 at the wire; every failure a RegistryError, never a stack trace. ITI-41 is for
 * the organisation's own systems (their verified token), ITI-43 for a user a trusted gateway's
 * assertion vouches for, bound to its patient: each passed on as an explicit caller.
 */
@WebService(serviceName = "DocumentRepository_Service", portName = "DocumentRepository_Port_Soap12",
        targetNamespace = "urn:ihe:iti:xds-b:2007",
        endpointInterface = "no.dhoindex.adapters.repository.DocumentRepositoryPortType")
public class DocumentRepositoryService implements DocumentRepositoryPortType {

    private static final Logger LOG = Logger.getLogger(DocumentRepositoryService.class.getName());
    /** Documents larger than this are refused (DHO documents are small; metadata has its own limit). */
    private static final int MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

    private final ProvideAndRegister provide;
    private final RetrieveDocuments retrieve;
    private final SourceAccessLog accessLog;

    /** This call's message context, where the security interceptors left what they verified. */
    @Resource
    private WebServiceContext context;

    public DocumentRepositoryService(ProvideAndRegister provide, RetrieveDocuments retrieve, SourceAccessLog accessLog) {
        this.provide = provide;
        this.retrieve = retrieve;
        this.accessLog = accessLog;
    }

    /** Metadata the repository itself finds wrong is the repository's metadata error (ITI-41, NIST 12369). */
    private static Submission readMetadata(ProvideAndRegisterDocumentSetRequestType body) {
        try {
            return XdsMessages.readSubmission(body.getSubmitObjectsRequest(), XDS.Interactions.ITI_41);
        } catch (XdsRefusal refusal) {
            if (refusal.errorCode() == XdsErrorCode.REGISTRY_METADATA_ERROR) {
                throw new XdsRefusal(XdsErrorCode.REPOSITORY_METADATA_ERROR, refusal.getMessage(), refusal.location());
            }
            throw refusal;
        }
    }

    @Override
    public RegistryResponseType documentRepositoryProvideAndRegisterDocumentSetB(
            ProvideAndRegisterDocumentSetRequestType body) {
        String setId = "-";
        Caller caller = SoapCallers.ownSystem(context);
        try {
            Submission submission = readMetadata(body);
            setId = submission.submissionSet().uniqueId();
            Map<String, byte[]> documents = new HashMap<>();
            for (var document : body.getDocument()) {
                documents.put(document.getId(), bytes(document.getValue()));
            }
            Submission stored = provide.provide(caller, submission, documents);
            String id = setId;
            LOG.info(() -> "event=iti41 submissionSet=" + id + " documents=" + stored.documents().size()
                    + " outcome=success");
            return XdsMessages.success();
        } catch (AccessDenied denied) {
            LOG.warning(() -> "event=iti41 outcome=refused check=" + denied.check() + " reason=\""
                    + denied.getMessage() + "\"");
            throw SoapCallers.refused(denied);
        } catch (XdsRefusal refusal) {
            String id = setId;
            LOG.info(() -> "event=iti41 submissionSet=" + id + " outcome=failure error=" + refusal.errorCode().code()
                    + " reason=\"" + refusal.getMessage() + "\"");
            return XdsMessages.failure(List.of(refusal));
        } catch (RuntimeException e) {
            String id = setId;
            LOG.log(Level.SEVERE, e, () -> "event=iti41 submissionSet=" + id + " outcome=error");
            return XdsMessages.failure(List.of(new XdsRefusal(XdsErrorCode.REPOSITORY_ERROR,
                    "The repository could not process the submission; nothing was stored")));
        }
    }

    @Override
    public RetrieveDocumentSetResponseType documentRepositoryRetrieveDocumentSet(RetrieveDocumentSetRequestType body) {
        Optional<XuaClaims> claims = SoapCallers.claims(context);
        Caller caller = SoapCallers.vouchedFor(claims);
        try {
            List<RetrieveDocuments.Result> results = retrieve.retrieve(caller, RetrieveResponses.requests(body));
            Accesses.retrieved(accessLog, claims.get(), "ITI-43 Retrieve Document Set", results);
            LOG.info(() -> "event=iti43 documents=" + results.size() + " found="
                    + results.stream().filter(r -> r.refusal() == null).count());
            return RetrieveResponses.response(results);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "event=iti43 outcome=error", e);
            return RetrieveResponses.failure(new XdsRefusal(XdsErrorCode.REPOSITORY_ERROR,
                    "The repository could not process the retrieve"));
        }
    }

    private static byte[] bytes(DataHandler handler) {
        try (InputStream in = handler.getInputStream()) {
            byte[] content = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (content.length > MAX_DOCUMENT_BYTES) {
                throw new XdsRefusal(XdsErrorCode.REPOSITORY_ERROR, "A document exceeds " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return content;
        } catch (IOException e) {
            throw new XdsRefusal(XdsErrorCode.REPOSITORY_ERROR, "A document part could not be read");
        }
    }
}
