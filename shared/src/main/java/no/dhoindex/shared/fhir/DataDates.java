package no.dhoindex.shared.fhir;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * The date a DHO resource is sorted and filtered by — the {@code date} search parameter's own
 * element: an Observation's effective[x] (else issued), a CarePlan's period start (else created), a
 * MedicationStatement's effective[x] (else dateAsserted). Sources and the gateway order by it the
 * same way, newest or oldest first, ties by id, so pages agree.
 */
public final class DataDates {

    private DataDates() {
    }

    /** The resource's date, or null where it has none (it sorts after every dated one). */
    public static Instant when(Resource r) {
        Date date = null;
        if (r instanceof Observation o) {
            date = o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue()
                    : o.hasEffectivePeriod() ? o.getEffectivePeriod().getStart()
                    : o.hasEffectiveInstantType() ? o.getEffectiveInstantType().getValue() : o.getIssued();
        } else if (r instanceof CarePlan p) {
            date = p.hasPeriod() && p.getPeriod().hasStart() ? p.getPeriod().getStart() : p.getCreated();
        } else if (r instanceof MedicationStatement m) {
            date = m.hasEffectiveDateTimeType() ? m.getEffectiveDateTimeType().getValue()
                    : m.hasEffectivePeriod() ? m.getEffectivePeriod().getStart() : m.getDateAsserted();
        }
        return date == null ? null : date.toInstant();
    }

    /** The order of a search: by date (undated last), then by id. */
    public static Comparator<Resource> order(boolean newestFirst) {
        Comparator<Instant> dates = newestFirst ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(DataDates::when, Comparator.nullsLast(dates))
                .thenComparing(r -> r.getIdElement().getIdPart() == null ? "" : r.getIdElement().getIdPart());
    }
}
