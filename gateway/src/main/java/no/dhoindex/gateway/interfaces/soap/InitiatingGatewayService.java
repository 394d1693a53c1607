package no.dhoindex.gateway.interfaces.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.gateway.xca.CommunityClients;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;
import no.dhoindex.gateway.federation.FederatedAnswer;
import no.dhoindex.gateway.federation.Federation;
import no.dhoindex.gateway.federation.FederatedRetrieval;
import no.dhoindex.gateway.xca.RetrieveMessages;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.wire.StreamedQueryResponse;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * The wire side of the gateway: a query is validated here (a bad one is refused before anything
 * is asked of anyone), then federated; every exchange carries one correlation id, taken from the
 * caller's {@code X-Correlation-ID} header or made here.
 */
public class InitiatingGatewayService implements InitiatingGatewayPortType {

    private static final Logger LOG = Logger.getLogger(InitiatingGatewayService.class.getName());

    private final Federation federation;
    private final FederatedRetrieval retrieval;
    private final PatientAccess patients;

    public InitiatingGatewayService(Federation federation, FederatedRetrieval retrieval, PatientAccess patients) {
        this.federation = federation;
        this.retrieval = retrieval;
        this.patients = patients;
    }

    @Override
    public AdhocQueryResponse registryStoredQuery(AdhocQueryRequest body) {
        return registryStoredQuery(body, httpRequest(), correlationId());
    }

    /** The query of this HTTP request (where {@link no.dhoindex.gateway.security.CallerGate} left the caller). */
    AdhocQueryResponse registryStoredQuery(AdhocQueryRequest body, HttpServletRequest request, String correlationId) {
        try {
            StoredQueryRequest parsed = XdsMessages.readQuery(body, XDS.Interactions.ITI_18);
            Optional<PatientId> named = parsed.query().patient();
            String action = "ITI-18 " + parsed.query().getClass().getSimpleName();
            Caller caller = patients.caller(request, named.orElse(null));
            // The caller is checked (a refusal recorded) before anyone is asked; the grant is written to the access
            // log while the sources are asked, and the answer waits for it: one that cannot be stored fails the query.
            Supplier<FederatedAnswer> question = () -> federation.ask(caller, parsed.query(), correlationId);
            FederatedAnswer answer = named.isPresent()
                    ? patients.requireWhile(caller, named.get(), action, correlationId, question)
                    // Asked by id: asked for the caller's patient, whose objects alone each source selects.
                    : patients.boundWhile(caller, List.of(action), correlationId, question);
            // Written by the port's data binding straight from the merged domain answer (no IPF model, no JAXB objects).
            return new StreamedQueryResponse(answer.answer(), parsed.returnType());
        } catch (AccessDenied refusal) {
            throw SoapRefusals.forbidden(refusal, correlationId);
        } catch (XdsRefusal refusal) {
            LOG.info(() -> "event=iti18-federated correlation=" + correlationId + " outcome=refused error="
                    + refusal.errorCode().code());
            return XdsMessages.queryFailure(List.of(refusal));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "event=iti18-federated correlation=" + correlationId + " outcome=error");
            return XdsMessages.queryFailure(List.of(new XdsRefusal(XdsErrorCode.REGISTRY_ERROR,
                    "The gateway could not answer the query (correlation " + correlationId + ")")));
        }
    }

    @Override
    public RetrieveDocumentSetResponseType retrieveDocumentSet(RetrieveDocumentSetRequestType body) {
        return retrieveDocumentSet(body, httpRequest(), correlationId());
    }

    /** The retrieve of this HTTP request (where {@link no.dhoindex.gateway.security.CallerGate} left the caller). */
    RetrieveDocumentSetResponseType retrieveDocumentSet(RetrieveDocumentSetRequestType body, HttpServletRequest request,
                                                        String correlationId) {
        if (body == null || body.getDocumentRequest().isEmpty()
                || body.getDocumentRequest().stream().anyMatch(d -> d.getDocumentUniqueId() == null)) {
            return RetrieveMessages.failure(XdsErrorCode.REPOSITORY_METADATA_ERROR,
                    "A retrieve names at least one document by uniqueId");
        }
        try {
            Caller caller = patients.caller(request, null);
            // Routed with the caller's patient: a source answers another patient's document as unknown. A caller bound
            // to nobody is refused before anyone is asked; each document's grant is written while the sources are asked.
            List<String> actions = body.getDocumentRequest().stream()
                    .map(d -> "ITI-43 RetrieveDocumentSet " + d.getDocumentUniqueId()).toList();
            return RetrieveMessages.write(patients.boundWhile(caller, actions, correlationId,
                    () -> retrieval.retrieve(caller, RetrieveMessages.read(body), correlationId)));
        } catch (AccessDenied refusal) {
            throw SoapRefusals.forbidden(refusal, correlationId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "event=iti43-federated correlation=" + correlationId + " outcome=error");
            return RetrieveMessages.failure(XdsErrorCode.REPOSITORY_ERROR,
                    "The gateway could not retrieve (correlation " + correlationId + ")");
        }
    }

    /** The HTTP request this SOAP call arrived in, where {@link no.dhoindex.gateway.security.CallerGate} left the caller. */
    private static HttpServletRequest httpRequest() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        return message == null ? null : (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
    }

    @SuppressWarnings("unchecked")
    private static String correlationId() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        if (message != null && message.get(Message.PROTOCOL_HEADERS) instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> h : headers.entrySet()) {
                if (CommunityClients.CORRELATION_HEADER.equalsIgnoreCase(String.valueOf(h.getKey()))
                        && h.getValue() instanceof List<?> values && !values.isEmpty()) {
                    String value = String.valueOf(values.get(0));
                    if (value.matches("[A-Za-z0-9._:-]{1,100}")) {
                        return value;
                    }
                }
            }
        }
        return UUID.randomUUID().toString();
    }
}
