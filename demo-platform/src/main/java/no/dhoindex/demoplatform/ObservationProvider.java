package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Since;
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
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;

/**
 * Observations: the vital-sign series (HL7 Norway VkpObservation shape) the platform holds, searched by
 * patient, code, category, date, _lastUpdated and _security (e.g. {@code _security:not=<system>|NORS}), sorted by
 * date ({@code _sort=date|-date}) and paged with {@code _count} and {@code _offset}: a patient's search by date
 * is read from the {@link ObservationIndex}, as a database would read its index. Versioned: vread and type-level
 * {@code _history?_since=} (deletions included), see {@link ResourceVersions}.
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

    /** Reads the current version, or an earlier one by its version id (vread); a deleted version is 410 Gone. */
    @Read(version = true)
    public Observation read(@IdParam IdType id) {
        return ResourceVersions.read(store, id, Observation.class);
    }

    /** Every version since {@code _since} (type-level history), deletions included: how an adapter sees deletions. */
    @History
    public List<IBaseResource> history(@Since InstantType since) {
        return ResourceVersions.history(store, "Observation", since);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = Observation.SP_PATIENT, chainWhitelist = {"", "identifier"}) ReferenceParam patient,
            @OptionalParam(name = Observation.SP_SUBJECT, chainWhitelist = {"", "identifier"}) ReferenceParam subject,
            @OptionalParam(name = Observation.SP_CODE) TokenOrListParam code,
            @OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
            @OptionalParam(name = Observation.SP_CATEGORY) TokenOrListParam category,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @OptionalParam(name = "_security") TokenOrListParam security,
            @Sort SortSpec sort,
            @Count Integer count,
            @Offset Integer offset) {
        // What the index does not already decide: every condition but the patient.
        Predicate<Observation> rest = o -> (code == null || code.getValuesAsQueryTokens().stream().anyMatch(t -> o.getCode()
                        .getCoding().stream().anyMatch(c -> c.getCode().equals(t.getValue())
                                && (t.getSystem() == null || t.getSystem().equals(c.getSystem())))))
                && (category == null || category.getValuesAsQueryTokens().stream().anyMatch(t -> o.getCategory()
                        .stream().flatMap(c -> c.getCoding().stream()).anyMatch(c -> c.getCode().equals(t.getValue())
                                && (t.getSystem() == null || t.getSystem().equals(c.getSystem())))))
                && within(date, o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : null)
                && within(lastUpdated, o.getMeta().getLastUpdated())
                && SecurityLabels.admits(security, o);
        Predicate<Observation> matches = o -> PatientMatch.matches(patient, o.getSubject(), store)
                && PatientMatch.matches(subject, o.getSubject(), store) && rest.test(o);
        boolean byDate = sort != null && Observation.SP_DATE.equals(sort.getParamName());
        String patientKey = PatientMatch.key(patient != null ? patient : subject, store);
        if (count != null && patientKey != null && (patient == null || subject == null)) {
            // A patient's page by date: walked from the index (a database's index on patient, code and
            // date), so a page costs what it holds plus what it skips, never the patient's whole history.
            // Without _sort=date the patient's data still comes in one stable order: oldest first.
            boolean newestFirst = byDate && sort.getOrder() == SortOrderEnum.DESC;
            String oneCode = code != null && code.getValuesAsQueryTokens().size() == 1
                    ? code.getValuesAsQueryTokens().get(0).getValue() : null;
            Long from = date == null || date.getLowerBoundAsInstant() == null ? null
                    : date.getLowerBoundAsInstant().getTime();
            Long to = date == null || date.getUpperBoundAsInstant() == null ? null
                    : date.getUpperBoundAsInstant().getTime();
            return page(store.observations(patientKey, oneCode, from, to, newestFirst), rest, offset, count);
        }
        if (!byDate && count != null) {
            // In lastUpdated order (how an adapter reads what changed): walked from the lower bound, page by page.
            Long since = lastUpdated == null || lastUpdated.getLowerBoundAsInstant() == null ? null
                    : lastUpdated.getLowerBoundAsInstant().getTime();
            return page(store.<Observation>inUpdateOrder("Observation", since), matches, offset, count);
        }
        List<Observation> found = store.search("Observation", matches);
        if (byDate) {
            // By effective date, ties by id, as a FHIR server with _sort=date does; undated last.
            Comparator<Observation> byDateOrder = Comparator.comparing((Observation o) -> o.hasEffectiveDateTimeType()
                    ? o.getEffectiveDateTimeType().getValue() : null, Comparator.nullsLast(
                    sort.getOrder() == SortOrderEnum.DESC ? Comparator.<Date>reverseOrder() : Comparator.<Date>naturalOrder()));
            found = new ArrayList<>(found);
            found.sort(byDateOrder.thenComparing(o -> o.getIdElement().getIdPart()));
        }
        return new SimpleBundleProvider(new ArrayList<>(found));
    }

    /**
     * The page {@code [offset, offset + count)} of what {@code walk} yields that {@code matches}, read
     * from the index here and handed to HAPI as a page it must not cut again (its offset is set): the
     * search reads what it skips and what it answers, never the rest (no total is counted).
     */
    private static IBundleProvider page(Iterator<Observation> walk, Predicate<Observation> matches, Integer offset,
                                        int count) {
        int from = offset == null ? 0 : Math.max(0, offset);
        List<IBaseResource> page = new ArrayList<>();
        int seen = 0;
        while (walk.hasNext() && seen < from + count) {
            Observation o = walk.next();
            if (matches.test(o)) {
                if (seen >= from) {
                    page.add(o);
                }
                seen++;
            }
        }
        SimpleBundleProvider provider = new SimpleBundleProvider(page);
        provider.setCurrentPageOffset(from);
        provider.setCurrentPageSize(count);
        provider.setSize(null);
        return provider;
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
