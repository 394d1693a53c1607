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
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.CarePlan;

/** The federated self-management plan search: {@code CarePlan?patient.identifier=…&category=…&_count=…}. */
public class CarePlanProvider implements IResourceProvider {

    private final FederatedData data;

    public CarePlanProvider(FederatedData data) {
        this.data = data;
    }

    @Override
    public Class<CarePlan> getResourceType() {
        return CarePlan.class;
    }

    /** A resource this search gave, by its id: bound to the caller's patient like the search. */
    @Read
    public CarePlan read(@IdParam IdType id, RequestDetails request) {
        return (CarePlan) data.read("CarePlan", id.getIdPart(), request);
    }

    @Search
    public Bundle search(
            @OptionalParam(name = CarePlan.SP_PATIENT, chainWhitelist = {"identifier"}) ReferenceParam patient,
            @OptionalParam(name = CarePlan.SP_CATEGORY) TokenOrListParam category,
            @Sort SortSpec sort,
            @Count Integer count,
            @OptionalParam(name = "_cursor") StringParam cursor,
            RequestDetails request) {
        return data.search("CarePlan", new FederatedData.Parameters(patient, null, category, null, sort, count, cursor),
                request);
    }
}
