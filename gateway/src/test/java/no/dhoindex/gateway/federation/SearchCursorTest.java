package no.dhoindex.gateway.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.dhoindex.shared.xds.model.PatientId;
import org.junit.jupiter.api.Test;

/** A cursor opens only for the search and patient it was made for, and only as this gateway made it. */
class SearchCursorTest {

    private static final PatientId A = PatientId.nationalId("15077510041");
    private static final PatientId B = PatientId.nationalId("23059110047");
    private final SearchCursor cursors = new SearchCursor("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private static DataSearch search(PatientId patient, int count) {
        return new DataSearch("Observation", patient, List.of("http://loinc.org|8867-4"), List.of(), List.of("ge2026-11-01"),
                true, count);
    }

    @Test
    void aCursorOpensForItsOwnSearch() {
        String cursor = cursors.seal(search(A, 50), Map.of("kommune", 50, "sykehus", 0));
        assertEquals(Optional.of(Map.of("kommune", 50, "sykehus", 0)), cursors.open(cursor, search(A, 50)));
        assertEquals(Optional.of(A), SearchCursor.patientOf(cursor));
    }

    @Test
    void anotherPatientsSearchOrAnotherSearchDoesNotOpenIt() {
        String cursor = cursors.seal(search(A, 50), Map.of("kommune", 50));
        assertTrue(cursors.open(cursor, search(B, 50)).isEmpty());
        assertTrue(cursors.open(cursor, search(A, 10)).isEmpty());
    }

    @Test
    void aCursorChangedToNameAnotherPatientOrPositionDoesNotOpen() {
        String cursor = cursors.seal(search(A, 50), Map.of("kommune", 50));
        String mac = cursor.substring(cursor.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString((B.toCx() + "\n" + search(B, 50).signature()
                + "\nkommune=50;").getBytes(StandardCharsets.UTF_8)) + mac;
        assertTrue(cursors.open(forged, search(B, 50)).isEmpty());
        String moved = Base64.getUrlEncoder().withoutPadding().encodeToString((A.toCx() + "\n" + search(A, 50).signature()
                + "\nkommune=51;").getBytes(StandardCharsets.UTF_8)) + mac;
        assertTrue(cursors.open(moved, search(A, 50)).isEmpty());
        SearchCursor otherGateway = new SearchCursor("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
        assertTrue(otherGateway.open(cursor, search(A, 50)).isEmpty());
        assertTrue(cursors.open("not-a-cursor", search(A, 50)).isEmpty());
        assertTrue(cursors.open(null, search(A, 50)).isEmpty());
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SearchCursor(new byte[16]));
    }
}
