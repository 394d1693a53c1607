package no.dhoindex.gateway.interfaces.soap;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.Optional;
import javax.xml.namespace.QName;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.gateway.xca.CommunityClients;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.xds.model.DocumentPointer;
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
            Optional<PatientId> patient = parsed.query().patient();
            String action = "ITI-18 " + parsed.query().getClass().getSimpleName();
            if (patient.isPresent()) {
                patients.require(patient.get(), action, correlationId);
            }
            AdhocQueryResponse answer = query.ask(body, correlationId);
            if (patient.isEmpty()) {
                // Asked by id: the answer says whose documents they are, and all must be the attested patient's.
                for (DocumentPointer found : XdsMessages.documentsOf(answer)) {
                    patients.require(found.patientId(), action + " " + found.uniqueId(), correlationId);
                }
            }
            return answer;
        } catch (TokenRefusal refusal) {
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
            patients.requireDocuments(body.getDocumentRequest().stream().map(d -> d.getDocumentUniqueId()).toList(),
                    "ITI-43 RetrieveDocumentSet", correlationId);
            return retrieve.retrieve(body, correlationId);
        } catch (TokenRefusal refusal) {
            throw refused(refusal, correlationId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "event=iti43-federated correlation=" + correlationId + " outcome=error");
            return failure("XDSRepositoryError", "The gateway could not retrieve (correlation " + correlationId + ")");
        }
    }

    /** An access refusal is a SOAP 1.2 Sender fault with the HTTP status of its kind (403). */
    private static Fault refused(TokenRefusal refusal, String correlationId) {
        LOG.warning(() -> "event=access-refused correlation=" + correlationId + " check=" + refusal.check()
                + " reason=\"" + refusal.getMessage() + "\"");
        Fault fault = new Fault(new IllegalArgumentException(refusal.getMessage()));
        fault.setFaultCode(new QName("http://www.w3.org/2003/05/soap-envelope", "Sender"));
        fault.setStatusCode(refusal.kind().httpStatus());
        return fault;
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
