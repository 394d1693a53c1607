package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;

/** Observations: the vital-sign series (HL7 Norway VkpObservation shape) the platform holds. */
public final class ObservationProvider implements IResourceProvider {

    private final PlatformStore store;

    ObservationProvider(PlatformStore store) {
        this.store = store;
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Read
    public Observation read(@IdParam IdType id) {
        if (!(store.read(id) instanceof Observation o)) {
            throw new ResourceNotFoundException(id);
        }
        return o;
    }

    @Search
    public List<Observation> search(
            @OptionalParam(name = Observation.SP_PATIENT, chainWhitelist = {"", "identifier"}) ReferenceParam patient,
            @OptionalParam(name = Observation.SP_SUBJECT, chainWhitelist = {"", "identifier"}) ReferenceParam subject,
            @OptionalParam(name = Observation.SP_CODE) TokenOrListParam code,
            @OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated) {
        return store.search("Observation", (Observation o) ->
                PatientMatch.matches(patient, o.getSubject(), store)
                        && PatientMatch.matches(subject, o.getSubject(), store)
                        && (code == null || code.getValuesAsQueryTokens().stream().anyMatch(t -> o.getCode().getCoding()
                                .stream().anyMatch(c -> c.getCode().equals(t.getValue())
                                        && (t.getSystem() == null || t.getSystem().equals(c.getSystem())))))
                        && within(date, o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : null)
                        && within(lastUpdated, o.getMeta().getLastUpdated()));
    }

    /** Accepts Observations whose subject is given by national-id identifier (or by Patient reference). */
    @Create
    public MethodOutcome create(@ResourceParam Observation observation) {
        if (!observation.hasSubject() || PatientMatch.subjectIdentifier(observation.getSubject(), store) == null) {
            throw new UnprocessableEntityException("Observation.subject must identify the patient by national id"
                    + " (identifier system urn:oid:2.16.578.1.12.4.1.4.1) or reference a known Patient");
        }
        if (!observation.hasCode() || !observation.hasStatus()) {
            throw new UnprocessableEntityException("Observation.code and Observation.status are required");
        }
        observation.setId((String) null);
        Observation saved = store.save(observation);
        return new MethodOutcome(saved.getIdElement(), true).setResource(saved);
    }

    static boolean within(DateRangeParam range, Date value) {
        if (range == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        Date lower = range.getLowerBoundAsInstant();
        Date upper = range.getUpperBoundAsInstant();
        return (lower == null || !value.before(lower)) && (upper == null || !value.after(upper));
    }
}
