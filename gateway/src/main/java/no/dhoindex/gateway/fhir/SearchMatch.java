package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import no.dhoindex.gateway.federation.DataSearch;
import no.dhoindex.shared.fhir.DataDates;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * A {@link DataSearch} applied to resources the gateway holds itself: the data of a source that
 * speaks only XCA arrives whole (its on-demand Bundle, ITI-39) and is searched here as a FHIR
 * source would search it — any of the codes, any of the categories, every date bound.
 */
final class SearchMatch {

    private SearchMatch() {
    }

    static Predicate<Resource> of(DataSearch search) {
        // Every bound holds: the latest lower bound and the earliest upper one.
        Instant lower = null;
        Instant upper = null;
        for (String d : search.dates()) {
            DateRangeParam range = new DateRangeParam(new DateParam(d));
            Date from = range.getLowerBoundAsInstant();
            Date to = range.getUpperBoundAsInstant();
            lower = from == null || lower != null && lower.isAfter(from.toInstant()) ? lower : from.toInstant();
            upper = to == null || upper != null && upper.isBefore(to.toInstant()) ? upper : to.toInstant();
        }
        Instant from = lower;
        Instant to = upper;
        return r -> tokens(search.codes(), codes(r)) && tokens(search.categories(), categories(r)) && within(from, to, r);
    }

    private static boolean within(Instant lower, Instant upper, Resource r) {
        if (lower == null && upper == null) {
            return true;
        }
        Instant when = DataDates.when(r);
        return when != null && (lower == null || !when.isBefore(lower)) && (upper == null || !when.isAfter(upper));
    }

    private static boolean tokens(List<String> wanted, List<CodeableConcept> concepts) {
        if (wanted.isEmpty()) {
            return true;
        }
        for (String token : wanted) {
            int bar = token.indexOf('|');
            String system = bar < 0 ? null : token.substring(0, bar);
            String code = bar < 0 ? token : token.substring(bar + 1);
            for (CodeableConcept concept : concepts) {
                for (Coding c : concept.getCoding()) {
                    if (code.equals(c.getCode()) && (system == null || system.isEmpty() || system.equals(c.getSystem()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<CodeableConcept> codes(Resource r) {
        return r instanceof Observation o ? List.of(o.getCode())
                : r instanceof org.hl7.fhir.r4.model.MedicationStatement m && m.hasMedicationCodeableConcept()
                ? List.of(m.getMedicationCodeableConcept()) : List.of();
    }

    private static List<CodeableConcept> categories(Resource r) {
        return r instanceof Observation o ? o.getCategory() : r instanceof CarePlan p ? p.getCategory()
                : r instanceof org.hl7.fhir.r4.model.MedicationStatement m && m.hasCategory() ? List.of(m.getCategory())
                : List.of();
    }
}
