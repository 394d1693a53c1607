package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import no.dhoindex.gateway.security.PatientAccess;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;

/**
 * MHD ITI-68 Retrieve Document: the attachment URL of a DocumentReference, {@code Binary/<community>.<uniqueId>},
 * answered with the document itself (or as a FHIR Binary when the client asks for FHIR), retrieved with ITI-39.
 */
public class BinaryProvider implements IResourceProvider {

    private final FederatedFhir federated;
    private final PatientAccess patients;

    public BinaryProvider(FederatedFhir federated, PatientAccess patients) {
        this.federated = federated;
        this.patients = patients;
    }

    @Override
    public Class<Binary> getResourceType() {
        return Binary.class;
    }

    @Read
    public Binary read(@IdParam IdType id, RequestDetails request) {
        FederatedFhir.RetrievedContent document = federated.document(FhirPatients.caller(patients, request, null),
                id.getIdPart(), FhirPatients.correlationId(request)).orElseThrow(() -> new ResourceNotFoundException(id));
        Binary binary = new Binary();
        binary.setId(id.getIdPart());
        binary.setContentType(document.mimeType());
        binary.setData(document.content());
        return binary;
    }
}
