package no.dhoindex.adapters.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.dhoindex.adapters.fhir.DataKind;
import org.junit.jupiter.api.Test;

/** The search as the adapter passes it on to its platform: everything that selects the page is the platform's. */
class PlatformSearchTest {

    private static final String PLATFORM = "http://127.0.0.1:9/platform/fhir/";

    private static String asked(DataKind kind, SourceQuery query) {
        return URLDecoder.decode(PlatformSearch.url(PLATFORM, kind, "15077510041", query).toString(), StandardCharsets.UTF_8);
    }

    @Test
    void anObservationSearchPassesCodeDatesOrderAndPageToThePlatform() {
        SourceQuery query = new SourceQuery(List.of("http://loinc.org|8867-4", "http://loinc.org|2708-6"),
                List.of("vital-signs"), List.of("ge2026-11-25", "lt2026-12-02"), true, 50, 100);
        assertEquals("http://127.0.0.1:9/platform/fhir/Observation?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|15077510041"
                + "&_security:not=urn:oid:2.16.578.1.12.4.1.1.9603|NORS"
                + "&code=http://loinc.org|8867-4,http://loinc.org|2708-6&date=ge2026-11-25&date=lt2026-12-02&_sort=-date"
                + "&category=vital-signs&_count=51&_offset=100", asked(DataKind.MEASUREMENTS, query));
    }

    @Test
    void oldestFirstAsksForDateAscending() {
        SourceQuery query = new SourceQuery(List.of(), List.of(), List.of(), false, 10, 0);
        assertEquals("http://127.0.0.1:9/platform/fhir/Observation?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|15077510041"
                + "&_security:not=urn:oid:2.16.578.1.12.4.1.1.9603|NORS&_sort=date&_count=11&_offset=0",
                asked(DataKind.MEASUREMENTS, query));
    }

    @Test
    void aPlanOrMedicationListSearchIsPagedAndLeavesNorsOutToo() {
        SourceQuery query = new SourceQuery(List.of(), List.of(), List.of(), true, 5, 5);
        assertEquals("http://127.0.0.1:9/platform/fhir/CarePlan?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1|15077510041"
                + "&_security:not=urn:oid:2.16.578.1.12.4.1.1.9603|NORS&_count=6&_offset=5",
                asked(DataKind.CARE_PLAN, query));
    }
}
