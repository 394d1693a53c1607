package no.dhoindex.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.trust.Attestation;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.PatientId;
import org.junit.jupiter.api.Test;

/** A verified token becomes a health professional bound to the attestation's one patient, authority and id together. */
class GatewayCallerTest {

    private static final PatientId A = PatientId.nationalId("15077510041");
    private static final PatientId B = PatientId.nationalId("23059110047");
    /** A's digits under another authority: another person. */
    private static final PatientId A_ELSEWHERE = new PatientId("15077510041", "2.16.578.1.12.4.1.4.2");

    private static VerifiedCaller verified(List<PatientId> patients) {
        Attestation attestation = new Attestation(
                new Attestation.Practitioner("05076600324", "Anne Lege", "9144897", "LE", "974589095", null, null),
                new Attestation.CareRelation("KP01", null, "TREAT", null, null, false), patients);
        return new VerifiedCaller("jti", "05076600324", "05076600324", "9144897", "ehr-demo", "EHR", "999999999", null,
                Set.of("nhn:dho-index/read"), 4, attestation, "jkt", Instant.now().plusSeconds(60));
    }

    @Test
    void theAttestationsOnePatientIsTheBoundPatient() {
        Caller caller = GatewayCaller.of(verified(List.of(A)), null);
        assertEquals(Caller.Kind.HEALTH_PERSONNEL, caller.kind());
        assertEquals(Optional.of(A), caller.patients().patient());
        assertEquals("9144897", caller.hprNumber());
        assertEquals("LE", caller.role());
        assertEquals("TREAT", caller.purposeOfUse());
        assertEquals("974589095", caller.organisation(), "the practitioner's legal entity");
        caller.requirePatient(A);
        assertThrows(AccessDenied.class, () -> caller.requirePatient(B));
        assertThrows(AccessDenied.class, () -> caller.requirePatient(A_ELSEWHERE), "the same digits under another authority");
    }

    @Test
    void aRequestNamingAnotherPatientDoesNotMoveTheBinding() {
        Caller caller = GatewayCaller.of(verified(List.of(A)), B);
        assertEquals(Optional.of(A), caller.patients().patient());
        assertThrows(AccessDenied.class, () -> caller.requirePatient(B));
    }

    @Test
    void severalAttestedPatientsBindToTheOneTheRequestNames() {
        Caller caller = GatewayCaller.of(verified(List.of(A, B)), B);
        assertEquals(Optional.of(B), caller.patients().patient());
        assertThrows(AccessDenied.class, () -> caller.requirePatient(A));
    }

    @Test
    void severalAttestedPatientsAndNoneNamedBindToNobody() {
        assertTrue(GatewayCaller.of(verified(List.of(A, B)), null).patients().isEmpty());
        assertTrue(GatewayCaller.of(verified(List.of(A, B)), A_ELSEWHERE).patients().isEmpty());
        assertTrue(GatewayCaller.of(verified(List.of()), A).patients().isEmpty());
    }
}
