package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import no.dhoindex.gateway.security.PatientAccess;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;

/** MHD ITI-67 Find Document References: {@code DocumentReference?patient.identifier=<system>|<id>}. */
public class DocumentReferenceProvider implements IResourceProvider {

    private final FederatedFhir federated;
    private final PatientAccess patients;

    public DocumentReferenceProvider(FederatedFhir federated, PatientAccess patients) {
        this.federated = federated;
        this.patients = patients;
    }

    @Override
    public Class<DocumentReference> getResourceType() {
        return DocumentReference.class;
    }

    /** A DocumentReference the search gave, by its id: bound to the caller's patient like the search. */
    @Read
    public DocumentReference read(@IdParam IdType id, RequestDetails request) {
        return federated.documentReference(FhirPatients.caller(patients, request, null), id.getIdPart(),
                request.getFhirServerBase(), FhirPatients.correlationId(request)).orElseThrow(() ->
                new ResourceNotFoundException(id));
    }

    @Search
    public List<IBaseResource> find(@RequiredParam(name = DocumentReference.SP_PATIENT, chainWhitelist = {"identifier"})
                                    ReferenceParam patient, RequestDetails request) {
        PatientId named = FhirPatients.of(patient);
        return federated.documentReferences(FhirPatients.caller(patients, request, named), named,
                request.getFhirServerBase(), FhirPatients.correlationId(request));
    }
}
