package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationStatement;

/** The federated medication list: {@code MedicationStatement?patient.identifier=…&_count=…}. */
public class MedicationStatementProvider implements IResourceProvider {

    private final FederatedData data;

    public MedicationStatementProvider(FederatedData data) {
        this.data = data;
    }

    @Override
    public Class<MedicationStatement> getResourceType() {
        return MedicationStatement.class;
    }

    /** A resource this search gave, by its id: bound to the caller's patient like the search. */
    @Read
    public MedicationStatement read(@IdParam IdType id, RequestDetails request) {
        return (MedicationStatement) data.read("MedicationStatement", id.getIdPart(), request);
    }

    @Search
    public Bundle search(
            @OptionalParam(name = MedicationStatement.SP_PATIENT, chainWhitelist = {"identifier"}) ReferenceParam patient,
            @Sort SortSpec sort,
            @Count Integer count,
            @OptionalParam(name = "_cursor") StringParam cursor,
            RequestDetails request) {
        return data.search("MedicationStatement", new FederatedData.Parameters(patient, null, null, null, sort, count, cursor),
                request);
    }
}
