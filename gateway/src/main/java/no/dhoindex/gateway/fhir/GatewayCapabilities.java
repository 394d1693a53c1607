package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The gateway's CapabilityStatement: HAPI's, made from the providers actually registered (so it
 * lists exactly the resources, interactions, searches and parameters served), with what HAPI cannot
 * know added — who the gateway is, the security every call needs (a DPoP-bound HelseID access
 * token) and the profiles it claims (IHE MHD Document Responder for DocumentReference and Binary).
 */
final class GatewayCapabilities extends ServerCapabilityStatementProvider {

    static final String MHD_DOCUMENT_RESPONDER = "https://profiles.ihe.net/ITI/MHD/CapabilityStatement/IHE.MHD.DocumentResponder";
    private static final Map<String, String> DOCUMENTATION = Map.of(
            "Observation", "The patient's measurements from every organisation (its FHIR search, or ITI-38/39), one global"
                    + " order by date, paged with _cursor; each entry tagged with its organisation.",
            "CarePlan", "The patient's self-management plans from every organisation.",
            "MedicationStatement", "The patient's medication lists from every organisation.",
            "DocumentReference", "IHE MHD ITI-67 over the registry and the communities (XCA).",
            "Binary", "IHE MHD ITI-68: a document by the id its DocumentReference names.",
            "AuditEvent", "Who has seen the patient's data: the gateway's, the registry's and every organisation's log.");

    GatewayCapabilities(RestfulServer server) {
        super(server);
    }

    @Override
    public IBaseConformance getServerConformance(HttpServletRequest request, RequestDetails details) {
        CapabilityStatement statement = (CapabilityStatement) super.getServerConformance(request, details);
        statement.setName("DHOIndexGateway").setTitle("DHO Index federated gateway").setPublisher("DHO Index");
        // The statement may be one HAPI keeps between calls: what is added here is added once.
        if (!statement.hasInstantiates(MHD_DOCUMENT_RESPONDER)) {
            statement.addInstantiates(MHD_DOCUMENT_RESPONDER);
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            if (rest.getSecurity().hasService()) {
                continue;
            }
            rest.getSecurity().setCors(false).addService(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
                    .setDescription("Every call carries a HelseID access token bound to the client's key by DPoP (RFC 9449:"
                            + " Authorization: DPoP <token>, a fresh DPoP proof per call) with the trust-framework"
                            + " attestation naming the user, the care relation and the one patient the call may be about;"
                            + " a call about another patient is 403, one without a valid token 401.");
            for (CapabilityStatement.CapabilityStatementRestResourceComponent r : rest.getResource()) {
                String documentation = DOCUMENTATION.get(r.getType());
                if (documentation != null) {
                    r.setDocumentation(documentation);
                }
            }
        }
        return statement;
    }
}
