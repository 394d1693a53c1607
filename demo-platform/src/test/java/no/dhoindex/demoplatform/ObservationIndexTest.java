package no.dhoindex.demoplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The platform's Observation index: a patient's measurements in date order, by code, within dates, kept on change. */
class ObservationIndexTest {

    private static final String KARI = "15077510041";
    private static final String KARI_KEY = DemoSeries.NATIONAL_ID + "|" + KARI;
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private final PlatformStore store = new PlatformStore();

    private Observation measured(String id, String patient, String code, Integer hour) {
        Observation o = DemoSeries.vital(new Reference().setIdentifier(new Identifier()
                .setSystem(DemoSeries.NATIONAL_ID).setValue(patient)), hour == null ? null
                : Date.from(T0.plusSeconds(3600L * hour)), code, code);
        if (hour == null) {
            o.setEffective(null);
        }
        o.setId(id);
        return store.save(o);
    }

    private static List<String> ids(Iterator<Observation> found) {
        List<String> ids = new ArrayList<>();
        found.forEachRemaining(o -> ids.add(o.getIdElement().getIdPart()));
        return ids;
    }

    @Test
    void aPatientsMeasurementsComeNewestOrOldestFirstTiesByIdAndUndatedLast() {
        measured("b", KARI, "8867-4", 2);
        measured("a", KARI, "29563-7", 2);
        measured("c", KARI, "8867-4", 1);
        measured("u", KARI, "8867-4", null);
        measured("d", KARI, "8867-4", 3);
        measured("x", "23059110047", "8867-4", 4);
        assertEquals(List.of("d", "a", "b", "c", "u"), ids(store.observations(KARI_KEY, null, null, null, true)));
        assertEquals(List.of("c", "a", "b", "d", "u"), ids(store.observations(KARI_KEY, null, null, null, false)));
    }

    @Test
    void aCodeAndADateRangeAreReadFromTheIndexNotFiltered() {
        for (int h = 0; h < 10; h++) {
            measured("hr" + h, KARI, "8867-4", h);
            measured("w" + h, KARI, "29563-7", h);
        }
        measured("u", KARI, "8867-4", null);
        long from = T0.plusSeconds(3600L * 3).toEpochMilli();
        long to = T0.plusSeconds(3600L * 5).toEpochMilli();
        assertEquals(List.of("hr5", "hr4", "hr3"), ids(store.observations(KARI_KEY, "8867-4", from, to, true)));
        assertEquals(List.of("hr9", "hr8", "hr7", "hr6", "hr5", "hr4", "hr3"),
                ids(store.observations(KARI_KEY, "8867-4", from, null, true)));
    }

    @Test
    void aCorrectedMeasurementMovesAndADeletedOneLeaves() {
        measured("a", KARI, "8867-4", 1);
        measured("b", KARI, "8867-4", 2);
        measured("a", KARI, "8867-4", 3);
        assertEquals(List.of("a", "b"), ids(store.observations(KARI_KEY, "8867-4", null, null, true)));
        store.delete(new IdType("Observation", "b"));
        assertEquals(List.of("a"), ids(store.observations(KARI_KEY, null, null, null, true)));
    }

    @Test
    void aLongHistoryIsAYearOfTheFourKindsEndingAtItsEnd() {
        Instant end = Instant.parse("2026-12-01T10:00:00Z");
        LongHistory.seed(store, KARI, 1000, end);
        List<String> newest = ids(store.observations(KARI_KEY, null, null, null, true));
        assertEquals(1000, newest.size());
        Observation last = (Observation) store.read(new IdType("Observation", newest.get(0)));
        assertEquals(Date.from(end), last.getEffectiveDateTimeType().getValue());
        assertEquals(250, ids(store.observations(KARI_KEY, "8867-4", null, null, true)).size());
        long weekAgo = end.minusSeconds(7 * 86400L).toEpochMilli();
        int lastWeek = ids(store.observations(KARI_KEY, null, weekAgo, null, true)).size();
        assertEquals(20, lastWeek, "1000 a year: about 19 a week, " + lastWeek);
    }

    @Test
    void changesAreReadInLastUpdatedOrderFromWhereThePollStands() {
        measured("a", KARI, "8867-4", 1);
        Observation b = measured("b", KARI, "8867-4", 2);
        measured("c", KARI, "8867-4", 3);
        measured("a", KARI, "8867-4", 4); // corrected: now the latest change
        assertEquals(List.of("b", "c", "a"), ids(store.inUpdateOrder("Observation", null)));
        assertEquals(List.of("c", "a"), ids(store.inUpdateOrder("Observation",
                b.getMeta().getLastUpdated().getTime() + 1)));
        store.delete(new IdType("Observation", "c"));
        assertEquals(List.of("b", "a"), ids(store.inUpdateOrder("Observation", null)));
    }
}
