package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * CarePlan resources of the platform's patients, searchable by patient, category, _lastUpdated and _security;
 * versioned (vread, _history).
 */
public final class CarePlanProvider implements IResourceProvider {

    private final PlatformStore store;

    CarePlanProvider(PlatformStore store) {
        this.store = store;
    }

    @Override
    public Class<CarePlan> getResourceType() {
        return CarePlan.class;
    }

    /** Reads the current version, or an earlier one by its version id (vread); a deleted version is 410 Gone. */
    @Read(version = true)
    public CarePlan read(@IdParam IdType id) {
        return ResourceVersions.read(store, id, CarePlan.class);
    }

    /** Every version since {@code _since} (type-level history), deletions included: how an adapter sees deletions. */
    @History
    public List<IBaseResource> history(@Since InstantType since) {
        return ResourceVersions.history(store, "CarePlan", since);
    }

    @Search
    public List<CarePlan> search(
            @OptionalParam(name = "patient", chainWhitelist = {"", "identifier"}) ReferenceParam patient,
            @OptionalParam(name = "subject", chainWhitelist = {"", "identifier"}) ReferenceParam subject,
            @OptionalParam(name = "category") ca.uhn.fhir.rest.param.TokenOrListParam category,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_security") ca.uhn.fhir.rest.param.TokenOrListParam security) {
        return store.search("CarePlan", (CarePlan r) -> PatientMatch.matches(patient, r.getSubject(), store)
                && PatientMatch.matches(subject, r.getSubject(), store)
                && ObservationProvider.within(lastUpdated, r.getMeta().getLastUpdated())
                && (category == null || category.getValuesAsQueryTokens().stream().anyMatch(t -> r.getCategory().stream()
                        .flatMap(c -> c.getCoding().stream()).anyMatch(c -> t.getValue().equals(c.getCode())
                                && (t.getSystem() == null || t.getSystem().equals(c.getSystem())))))
                && SecurityLabels.admits(security, r));
    }
}
