package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;

/**
 * The federated measurement search, asked of every organisation:
 * {@code Observation?patient.identifier=…&code=…&category=…&date=…&_sort=-date&_count=50}, paged with
 * {@code _cursor} ({@link FederatedData}).
 */
public class ObservationProvider implements IResourceProvider {

    private final FederatedData data;

    public ObservationProvider(FederatedData data) {
        this.data = data;
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    /** A resource this search gave, by its id: bound to the caller's patient like the search. */
    @Read
    public Observation read(@IdParam IdType id, RequestDetails request) {
        return (Observation) data.read("Observation", id.getIdPart(), request);
    }

    @Search
    public Bundle search(
            @OptionalParam(name = Observation.SP_PATIENT, chainWhitelist = {"identifier"}) ReferenceParam patient,
            @OptionalParam(name = Observation.SP_CODE) TokenOrListParam code,
            @OptionalParam(name = Observation.SP_CATEGORY) TokenOrListParam category,
            @OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
            @Sort SortSpec sort,
            @Count Integer count,
            @OptionalParam(name = "_cursor") StringParam cursor,
            RequestDetails request) {
        return data.search("Observation", new FederatedData.Parameters(patient, code, category, date, sort, count, cursor),
                request);
    }
}
