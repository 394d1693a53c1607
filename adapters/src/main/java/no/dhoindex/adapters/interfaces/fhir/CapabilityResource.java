package no.dhoindex.adapters.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Date;
import java.util.List;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.search.DataSearchResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * {@code GET /adapters/<org>/fhir/metadata} (public, as every service description): what this
 * organisation's FHIR endpoint serves, made from what the resources take — the data searches'
 * parameters are {@link DataSearchResource#PARAMETERS} itself — with the credential each needs.
 */
@Path("/metadata")
@RequestScoped
public class CapabilityResource {

    static final String MHD_DOCUMENT_RECIPIENT =
            "https://profiles.ihe.net/ITI/MHD/CapabilityStatement/IHE.MHD.DocumentRecipient";

    @Inject
    OrganisationSettings settings;

    @GET
    @Produces({FhirOutcomes.FHIR_JSON, "application/json"})
    public Response metadata() {
        return Response.ok(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(statement(
                settings.organisation())), FhirOutcomes.FHIR_JSON).build();
    }

    static CapabilityStatement statement(Organisation organisation) {
        CapabilityStatement s = new CapabilityStatement();
        s.setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(new Date())
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1).setName("DHOIndexAdapter")
                .setTitle("DHO Index sharing service of " + organisation.name()).setPublisher("DHO Index");
        s.addFormat("json");
        s.addFormat("xml");
        s.getSoftware().setName("DHO Index adapter");
        s.getImplementation().setDescription(organisation.name() + " (" + organisation.orgnr() + "), community "
                + organisation.homeCommunityId());
        // ITI-65 is taken at every adapter, as ITI-41 is; no profile beyond MHD's Document Recipient is
        // claimed (HL7 Norway's no-basis is not validated against here).
        s.addInstantiates(MHD_DOCUMENT_RECIPIENT);
        CapabilityStatementRestComponent rest = s.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.setDocumentation("POST of a transaction Bundle to this base is MHD ITI-65 Provide Document Bundle (the"
                + " organisation's own systems); the data searches answer a trusted gateway asking for a user.");
        rest.getSecurity().setCors(false).addService(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
                .setDescription("ITI-65: the organisation's own system's HelseID client-credentials token with scope"
                        + " nhn:dho-index/provide, bound by DPoP (Authorization: DPoP <token>, a DPoP proof per call),"
                        + " as for its ITI-41. Observation, CarePlan, MedicationStatement: the gateway's signed SAML XUA"
                        + " assertion for the user and this community (Authorization: SAML <base64url>), the search"
                        + " naming the assertion's patient. AuditEvent: a DPoP-bound token with nhn:dho-index/audit or,"
                        + " for the patient's own log, nhn:dho-index/own-log. 401 without a valid credential, 403 for"
                        + " another organisation's system or another patient.");
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.TRANSACTION)
                .setDocumentation("MHD ITI-65 Provide Document Bundle (List SubmissionSet, DocumentReference, Binary):"
                        + " stored, registered (ITI-42) and answered all or nothing, as ITI-41");
        for (DataKind kind : DataKind.values()) {
            CapabilityStatementRestResourceComponent r = rest.addResource().setType(kind.resourceType())
                    .setDocumentation(kind.title() + " for the gateway, from the organisation's DHO platform under its"
                            + " sharing rules; parameters: " + String.join(", ", DataSearchResource.PARAMETERS.get(kind))
                            + " (any other is refused naming it); _sort date or -date, _count 1-500, _offset paging");
            r.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
            r.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
            for (String name : DataSearchResource.PARAMETERS.get(kind)) {
                if (!name.startsWith("_")) {
                    searchParam(r, name);
                }
            }
        }
        CapabilityStatementRestResourceComponent audit = rest.addResource().setType("AuditEvent")
                .setDocumentation("The organisation's own access log about one patient (IHE RESTful ATNA search)");
        audit.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        searchParam(audit, "patient.identifier");
        for (String type : List.of("List", "DocumentReference", "Binary")) {
            rest.addResource().setType(type).setDocumentation("Taken only inside an ITI-65 transaction; read through"
                    + " the gateway (ITI-67/68), not here");
        }
        return s;
    }

    private static void searchParam(CapabilityStatementRestResourceComponent r, String name) {
        Enumerations.SearchParamType type = switch (name) {
            case "date" -> Enumerations.SearchParamType.DATE;
            case "code", "category" -> Enumerations.SearchParamType.TOKEN;
            default -> Enumerations.SearchParamType.TOKEN; // patient.identifier: the patient by identifier token
        };
        r.addSearchParam().setName(name).setType(type).setDocumentation("patient.identifier".equals(name)
                ? "urn:oid:<assigning authority>|<id>; required" : null);
    }
}
