package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.IdType;

/** MedicationStatement resources of the platform's patients, searchable by patient, _lastUpdated and _security. */
public final class MedicationStatementProvider implements IResourceProvider {

    private final PlatformStore store;

    MedicationStatementProvider(PlatformStore store) {
        this.store = store;
    }

    @Override
    public Class<MedicationStatement> getResourceType() {
        return MedicationStatement.class;
    }

    @Read
    public MedicationStatement read(@IdParam IdType id) {
        if (!(store.read(id) instanceof MedicationStatement r)) {
            throw new ResourceNotFoundException(id);
        }
        return r;
    }

    @Search
    public List<MedicationStatement> search(
            @OptionalParam(name = "patient", chainWhitelist = {"", "identifier"}) ReferenceParam patient,
            @OptionalParam(name = "subject", chainWhitelist = {"", "identifier"}) ReferenceParam subject,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_security") ca.uhn.fhir.rest.param.TokenOrListParam security) {
        return store.search("MedicationStatement", (MedicationStatement r) -> PatientMatch.matches(patient, r.getSubject(), store)
                && PatientMatch.matches(subject, r.getSubject(), store)
                && ObservationProvider.within(lastUpdated, r.getMeta().getLastUpdated())
                && SecurityLabels.admits(security, r));
    }
}
