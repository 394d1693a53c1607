package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.Update;
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
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;

/**
 * Observations: the vital-sign series (HL7 Norway VkpObservation shape) the platform holds, searched by
 * patient, code, category, date and _lastUpdated, sorted by date ({@code _sort=date|-date}) and cut at {@code _count}.
 */
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
            @OptionalParam(name = Observation.SP_CATEGORY) TokenOrListParam category,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort,
            @Count Integer count) {
        List<Observation> found = store.search("Observation", (Observation o) ->
                PatientMatch.matches(patient, o.getSubject(), store)
                        && PatientMatch.matches(subject, o.getSubject(), store)
                        && (code == null || code.getValuesAsQueryTokens().stream().anyMatch(t -> o.getCode().getCoding()
                                .stream().anyMatch(c -> c.getCode().equals(t.getValue())
                                        && (t.getSystem() == null || t.getSystem().equals(c.getSystem())))))
                        && (category == null || category.getValuesAsQueryTokens().stream().anyMatch(t -> o.getCategory()
                                .stream().flatMap(c -> c.getCoding().stream()).anyMatch(c -> c.getCode().equals(t.getValue())
                                        && (t.getSystem() == null || t.getSystem().equals(c.getSystem())))))
                        && within(date, o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : null)
                        && within(lastUpdated, o.getMeta().getLastUpdated()));
        if (sort != null && Observation.SP_DATE.equals(sort.getParamName())) {
            // By effective date, ties by id, as a FHIR server with _sort=date does; undated last.
            Comparator<Observation> byDate = Comparator.comparing((Observation o) -> o.hasEffectiveDateTimeType()
                    ? o.getEffectiveDateTimeType().getValue() : null, Comparator.nullsLast(
                    sort.getOrder() == SortOrderEnum.DESC ? Comparator.<Date>reverseOrder() : Comparator.<Date>naturalOrder()));
            found = new ArrayList<>(found);
            found.sort(byDate.thenComparing(o -> o.getIdElement().getIdPart()));
        }
        return count == null || count >= found.size() ? found : found.subList(0, count);
    }

    /** Replaces an Observation (a corrected value or time), under the same checks as a new one. */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Observation observation) {
        if (!(store.read(id) instanceof Observation)) {
            throw new ResourceNotFoundException(id);
        }
        check(observation);
        observation.setId(new IdType("Observation", id.getIdPart()));
        Observation saved = store.change(observation);
        return new MethodOutcome(saved.getIdElement(), false).setResource(saved);
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        if (!store.delete(id)) {
            throw new ResourceNotFoundException(id);
        }
        return new MethodOutcome(id.toVersionless());
    }

    /** Accepts Observations whose subject is given by national-id identifier (or by Patient reference). */
    @Create
    public MethodOutcome create(@ResourceParam Observation observation) {
        check(observation);
        observation.setId((String) null);
        Observation saved = store.change(observation);
        return new MethodOutcome(saved.getIdElement(), true).setResource(saved);
    }

    private void check(Observation observation) {
        if (!observation.hasSubject() || PatientMatch.subjectIdentifier(observation.getSubject(), store) == null) {
            throw new UnprocessableEntityException("Observation.subject must identify the patient by national id"
                    + " (identifier system urn:oid:2.16.578.1.12.4.1.4.1) or reference a known Patient");
        }
        if (!observation.hasCode() || !observation.hasStatus()) {
            throw new UnprocessableEntityException("Observation.code and Observation.status are required");
        }
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
