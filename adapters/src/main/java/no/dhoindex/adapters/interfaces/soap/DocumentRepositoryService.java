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
import no.dhoindex.adapters.lifecycle.OwnLifecycle;
import no.dhoindex.adapters.registry.RegistryUnreachable;
import no.dhoindex.adapters.repository.DocumentRepositoryPortType;
import no.dhoindex.adapters.repository.ProvideAndRegister;
import no.dhoindex.adapters.retrieve.RetrieveDocuments;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.wire.RemovalMessages;
import no.dhoindex.shared.xds.wire.XdsMessages;
import no.dhoindex.shared.xua.XuaClaims;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.ProvideAndRegisterDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RemoveDocumentsRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.RemoveObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * ITI-41, ITI-43, ITI-86 and (forwarded) ITI-62 at the wire; every failure a RegistryError, never a
 * stack trace. ITI-41, ITI-86 and ITI-62 are for the organisation's own systems (their verified token), ITI-43 for a user a trusted gateway's
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
    private final OwnLifecycle lifecycle;

    /** This call's message context, where the security interceptors left what they verified. */
    @Resource
    private WebServiceContext context;

    public DocumentRepositoryService(ProvideAndRegister provide, RetrieveDocuments retrieve, SourceAccessLog accessLog,
                                     OwnLifecycle lifecycle) {
        this.provide = provide;
        this.retrieve = retrieve;
        this.accessLog = accessLog;
        this.lifecycle = lifecycle;
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

    /** ITI-86 Remove Documents from the organisation's own system: the stored documents go, all or none. */
    @Override
    public RegistryResponseType documentRepositoryRemoveDocuments(RemoveDocumentsRequestType body) {
        return ownLifecycle("iti86", XdsErrorCode.REPOSITORY_ERROR, "The repository could not remove the documents;"
                + " nothing was removed", caller -> lifecycle.removeDocuments(caller, RetrieveResponses.requests(body))
                + " documents removed");
    }

    /** ITI-62 from the organisation's own system, forwarded to the registry under the adapter's own token. */
    @Override
    public RegistryResponseType documentRegistryDeleteDocumentSet(RemoveObjectsRequest body) {
        return ownLifecycle("iti62-forward", XdsErrorCode.REGISTRY_ERROR, "The registry could not be asked; whether"
                + " the objects were removed is not known", caller -> {
                    List<String> entryUuids = RemovalMessages.readRemoval(body);
                    lifecycle.removeMetadata(caller, entryUuids);
                    return entryUuids.size() + " objects removed at the registry";
                });
    }

    /** ITI-57 status updates from the organisation's own system, forwarded to the registry under the adapter's own token. */
    @Override
    public RegistryResponseType documentRegistryUpdateDocumentSet(
            org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest body) {
        return ownLifecycle("iti57-forward", XdsErrorCode.REGISTRY_ERROR, "The registry could not be asked; whether"
                + " the statuses changed is not known", caller -> {
                    var update = no.dhoindex.shared.xds.wire.XdsMessages.readSubmission(body,
                            org.openehealth.ipf.commons.ihe.xds.XDS.Interactions.ITI_57);
                    return lifecycle.updateStatus(caller, update) + " statuses changed at the registry";
                });
    }

    /**
     * One lifecycle request of the organisation's own system: a RegistryResponse, its refusal a
     * RegistryError, another's system a SOAP Fault 403, anything unforeseen {@code failureCode}.
     */
    private RegistryResponseType ownLifecycle(String event, XdsErrorCode failureCode, String failure,
                                              java.util.function.Function<Caller, String> action) {
        Caller caller = SoapCallers.ownSystem(context);
        try {
            String done = action.apply(caller);
            LOG.info(() -> "event=" + event + " client=" + caller.subjectId() + " outcome=success result=\"" + done + "\"");
            return XdsMessages.success();
        } catch (AccessDenied denied) {
            LOG.warning(() -> "event=" + event + " outcome=refused check=" + denied.check() + " reason=\""
                    + denied.getMessage() + "\"");
            throw SoapCallers.refused(denied);
        } catch (RegistryUnreachable unreachable) {
            LOG.warning(() -> "event=" + event + " outcome=unreachable reason=\"" + unreachable.getMessage() + "\"");
            return XdsMessages.failure(List.of(new XdsRefusal(failureCode, failure)));
        } catch (XdsRefusal refusal) {
            LOG.info(() -> "event=" + event + " outcome=failure error=" + refusal.errorCode().code() + " reason=\""
                    + refusal.getMessage() + "\"");
            return XdsMessages.failure(List.of(refusal));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "event=" + event + " outcome=error");
            return XdsMessages.failure(List.of(new XdsRefusal(failureCode, failure)));
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
