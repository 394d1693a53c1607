package no.dhoindex.demoplatform;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Random;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * A year of home measurements for one patient, {@code count} of them evenly spaced up to
 * {@code end}, in turn blood pressure, heart rate, oxygen saturation and body weight, values from a
 * seed fixed by the patient and count: the same history at every start (relative to {@code end}).
 * Written straight into the store, as a supplier's database would already hold it; it is how the
 * FHIR benchmark gives a patient 100,000 measurements without 100,000 HTTP calls.
 */
final class LongHistory {

    static final Duration SPAN = Duration.ofDays(365);
    private static final String[][] KINDS = {
            {"85354-9", "Blood pressure panel with all children optional"},
            {"8867-4", "Heart rate"},
            {"2708-6", "Oxygen saturation in Arterial blood"},
            {"29563-7", "Body weight"}};

    private LongHistory() {
    }

    static void seed(PlatformStore store, String nationalId, int count, Instant end) {
        Random random = new Random(nationalId.hashCode() * 31L + count);
        Reference subject = new Reference().setIdentifier(new Identifier().setSystem(DemoSeries.NATIONAL_ID)
                .setValue(nationalId));
        long step = SPAN.toMillis() / count;
        for (int i = 0; i < count; i++) {
            // The newest is at end, the oldest a year before it.
            Date at = new Date(end.toEpochMilli() - step * (count - 1 - i));
            String[] kind = KINDS[i % KINDS.length];
            Observation o = DemoSeries.vital(subject, at, kind[0], kind[1]);
            switch (i % KINDS.length) {
                case 0 -> {
                    o.addComponent().setCode(DemoSeries.loinc("8480-6", "Systolic blood pressure"))
                            .setValue(quantity(118 + random.nextInt(35), "mm[Hg]"));
                    o.addComponent().setCode(DemoSeries.loinc("8462-4", "Diastolic blood pressure"))
                            .setValue(quantity(70 + random.nextInt(20), "mm[Hg]"));
                }
                case 1 -> o.setValue(quantity(55 + random.nextInt(40), "/min"));
                case 2 -> o.setValue(quantity(89 + random.nextInt(10), "%"));
                default -> o.setValue(quantity(70 + random.nextInt(150) / 10.0, "kg"));
            }
            o.setId(nationalId + "-" + i);
            store.save(o);
        }
    }

    private static Quantity quantity(double value, String unit) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(DemoSeries.UCUM).setCode(unit);
    }
}
