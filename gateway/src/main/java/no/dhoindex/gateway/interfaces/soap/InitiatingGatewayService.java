package no.dhoindex.gateway.interfaces.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.namespace.QName;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.gateway.xca.CommunityClients;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;
import org.apache.cxf.interceptor.Fault;
import no.dhoindex.gateway.xca.FederatedQuery;
import no.dhoindex.gateway.xca.FederatedRetrieve;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryError;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryErrorList;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * The wire side of the gateway: a query is validated here (a bad one is refused before anything
 * is asked of anyone), then federated; every exchange carries one correlation id, taken from the
 * caller's {@code X-Correlation-ID} header or made here.
 */
public class InitiatingGatewayService implements InitiatingGatewayPortType {

    private static final Logger LOG = Logger.getLogger(InitiatingGatewayService.class.getName());

    private final FederatedQuery query;
    private final FederatedRetrieve retrieve;
    private final PatientAccess patients;

    public InitiatingGatewayService(FederatedQuery query, FederatedRetrieve retrieve, PatientAccess patients) {
        this.query = query;
        this.retrieve = retrieve;
        this.patients = patients;
    }

    @Override
    public AdhocQueryResponse registryStoredQuery(AdhocQueryRequest body) {
        String correlationId = correlationId();
        try {
            StoredQueryRequest parsed = XdsMessages.readQuery(body, XDS.Interactions.ITI_18);
            Optional<PatientId> named = parsed.query().patient();
            String action = "ITI-18 " + parsed.query().getClass().getSimpleName();
            Caller caller = patients.caller(httpRequest(), named.orElse(null));
            if (named.isPresent()) {
                patients.require(caller, named.get(), action, correlationId);
            } else {
                // Asked by id: asked for the caller's patient, whose objects alone each source selects.
                patients.bound(caller, action, correlationId);
            }
            return query.ask(caller, body, correlationId);
        } catch (AccessDenied refusal) {
            throw refused(refusal, correlationId);
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
        String correlationId = correlationId();
        if (body == null || body.getDocumentRequest().isEmpty()
                || body.getDocumentRequest().stream().anyMatch(d -> d.getDocumentUniqueId() == null)) {
            return failure("XDSRepositoryMetadataError", "A retrieve names at least one document by uniqueId");
        }
        try {
            Caller caller = patients.caller(httpRequest(), null);
            // Routed with the caller's patient: a source answers another patient's document as unknown.
            for (RetrieveDocumentSetRequestType.DocumentRequest d : body.getDocumentRequest()) {
                patients.bound(caller, "ITI-43 RetrieveDocumentSet " + d.getDocumentUniqueId(), correlationId);
            }
            return retrieve.retrieve(caller, body, correlationId);
        } catch (AccessDenied refusal) {
            throw refused(refusal, correlationId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "event=iti43-federated correlation=" + correlationId + " outcome=error");
            return failure("XDSRepositoryError", "The gateway could not retrieve (correlation " + correlationId + ")");
        }
    }

    /** An access refusal is a SOAP 1.2 Sender fault with HTTP status 403, its reason and nothing internal. */
    private static Fault refused(AccessDenied refusal, String correlationId) {
        LOG.warning(() -> "event=access-refused correlation=" + correlationId + " check=" + refusal.check()
                + " reason=\"" + refusal.getMessage() + "\"");
        Fault fault = new Fault(new IllegalArgumentException(refusal.getMessage()));
        fault.setFaultCode(new QName("http://www.w3.org/2003/05/soap-envelope", "Sender"));
        fault.setStatusCode(403);
        return fault;
    }

    /** The HTTP request this SOAP call arrived in, where {@link no.dhoindex.gateway.security.CallerGate} left the caller. */
    private static HttpServletRequest httpRequest() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        return message == null ? null : (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
    }

    private static RetrieveDocumentSetResponseType failure(String code, String context) {
        RegistryError error = new RegistryError();
        error.setErrorCode(code);
        error.setCodeContext(context);
        error.setSeverity("urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error");
        RegistryErrorList list = new RegistryErrorList();
        list.getRegistryError().add(error);
        RegistryResponseType status = new RegistryResponseType();
        status.setStatus("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");
        status.setRegistryErrorList(list);
        RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
        response.setRegistryResponse(status);
        return response;
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
