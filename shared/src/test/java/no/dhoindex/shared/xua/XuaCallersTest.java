package no.dhoindex.shared.xua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.PatientId;
import org.junit.jupiter.api.Test;

class XuaCallersTest {

    private static XuaClaims claims(String resourceId) {
        return new XuaClaims("05076600324", "Anne Lege", "9144897", "Demo kommune", "974589095", "TREAT", "LE",
                resourceId, "urn:oid:2.16.578.1.12.4.1.7.1.2");
    }

    @Test
    void theAssertionsResourceIdIsTheOnePatientTheCallerIsBoundTo() {
        Caller caller = XuaCallers.of(claims("15077510041^^^&2.16.578.1.12.4.1.4.1&ISO"));
        assertEquals(Caller.Kind.HEALTH_PERSONNEL, caller.kind());
        assertEquals("9144897", caller.hprNumber());
        assertEquals("974589095", caller.organisation());
        assertTrue(caller.patients().admits(PatientId.nationalId("15077510041")));
        assertFalse(caller.patients().admits(new PatientId("15077510041", "2.16.578.1.12.4.1.4.2")));
        assertThrows(AccessDenied.class, () -> caller.requirePatient(PatientId.nationalId("05076600324")));
    }

    @Test
    void aMissingOrUnreadableResourceIdBindsToNobody() {
        for (String resourceId : new String[] {null, "", "15077510041", "15077510041^^^&2.16.578.1.12.4.1.4.1&L"}) {
            Caller caller = XuaCallers.of(claims(resourceId));
            assertTrue(caller.patients().isEmpty(), String.valueOf(resourceId));
            assertThrows(AccessDenied.class, () -> caller.requirePatient(PatientId.nationalId("15077510041")));
        }
    }
}
