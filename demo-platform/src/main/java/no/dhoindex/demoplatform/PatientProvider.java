package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** The platform's patients, found by national id. */
public final class PatientProvider implements IResourceProvider {

    private final PlatformStore store;

    PatientProvider(PlatformStore store) {
        this.store = store;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        if (!(store.read(id) instanceof Patient p)) {
            throw new ResourceNotFoundException(id);
        }
        return p;
    }

    @Search
    public List<Patient> search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
                                @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated) {
        return store.search("Patient", (Patient p) -> (identifier == null || p.getIdentifier().stream()
                .anyMatch(i -> i.getValue().equals(identifier.getValue())
                        && (identifier.getSystem() == null || identifier.getSystem().equals(i.getSystem()))))
                && ObservationProvider.within(lastUpdated, p.getMeta().getLastUpdated()));
    }
}
