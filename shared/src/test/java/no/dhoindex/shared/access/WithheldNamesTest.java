package no.dhoindex.shared.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/** A protected organisation's or role's professional is nameless in the patient's log; organisation and role stay. */
class WithheldNamesTest {

    private static final String DISPATCH = "999999999";
    private static final String AMBULANCE_WORKER = "AA";
    private final WithheldNames names = new WithheldNames(Set.of(DISPATCH), Set.of(AMBULANCE_WORKER));

    private static AuditEvent event(String organisation) {
        return event(organisation, "LE");
    }

    private static AuditEvent event(String organisation, String role) {
        return AuditEvents.of(new AccessRecord(1L, Instant.parse("2026-12-01T10:00:00Z"),
                PatientId.nationalId("15077510041"), "05076600324", "9144897", "Anne Lege", organisation, "ehr-demo",
                "TREAT", "FHIR Observation search", AccessRecord.Outcome.GRANTED, null, "c-1", false, role),
                "DHO Index gateway", null);
    }

    private static AuditEvent.AuditEventAgentComponent user(AuditEvent e) {
        return e.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor).findFirst().orElseThrow();
    }

    @Test
    void aProtectedRolesNameIsWithheldAndTheRoleShown() {
        AuditEvent e = names.forPatient(event("974589095", AMBULANCE_WORKER));
        assertNull(user(e).getName());
        assertFalse(user(e).hasWho());
        assertEquals(AMBULANCE_WORKER, user(e).getRoleFirstRep().getCodingFirstRep().getCode());
        assertEquals(AuditEvents.ROLE, user(e).getRoleFirstRep().getCodingFirstRep().getSystem());
        assertFalse(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(e).contains("Anne"));
    }

    @Test
    void theNameAndHprNumberOfAProtectedOrganisationsProfessionalAreWithheld() {
        AuditEvent e = names.forPatient(event(DISPATCH));
        AuditEvent.AuditEventAgentComponent user = e.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .findFirst().orElseThrow();
        assertNull(user.getName());
        assertFalse(user.hasWho());
        assertEquals("true", user.getExtensionByUrl(WithheldNames.EXTENSION).getValueAsPrimitive().getValueAsString());
        assertFalse(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(e).contains("Anne"));
        assertEquals(DISPATCH, e.getAgent().stream().filter(a -> !a.getRequestor()).findFirst().orElseThrow()
                .getWho().getIdentifier().getValue());
    }

    @Test
    void othersAreShownWithTheirNames() {
        AuditEvent e = names.forPatient(event("974589095"));
        AuditEvent.AuditEventAgentComponent user = e.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .findFirst().orElseThrow();
        assertEquals("Anne Lege", user.getName());
        assertEquals("LE", user.getRoleFirstRep().getCodingFirstRep().getCode());
        assertEquals("9144897", user.getWho().getIdentifier().getValue());
        assertFalse(user.hasExtension(WithheldNames.EXTENSION));
    }
}
