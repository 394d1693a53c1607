package no.dhoindex.shared.access;

import java.time.Instant;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xua.XuaClaims;

/**
 * One access, or one refusal, as the patient is entitled to see it: when, who (person, HPR number, role,
 * organisation, system), which patient, why (purpose of use; emergency), what, and the outcome.
 * {@code id} is the log's own sequence (null until stored).
 */
public record AccessRecord(Long id, Instant recorded, PatientId patient, String practitionerPid, String hprNumber,
                           String practitionerName, String organisation, String clientId, String purposeOfUse,
                           String action, Outcome outcome, String reason, String correlationId, boolean emergency,
                           String role) {

    public enum Outcome { GRANTED, REFUSED }

    /**
     * An access at a source, for the user a gateway's XUA assertion vouched for ({@code who} null: no
     * valid assertion); about {@code patient}, or where the call did not say, the assertion's patient.
     */
    public static AccessRecord vouchedFor(XuaClaims who, PatientId patient, String action, Outcome outcome,
                                          String reason) {
        PatientId about = patient != null ? patient : patientOf(who);
        String purpose = who == null ? null : who.purposeOfUse();
        return new AccessRecord(null, Instant.now(), about, who == null ? null : who.subjectId(),
                who == null ? null : who.hprNumber(), who == null ? null : who.subjectName(),
                who == null ? null : who.organizationId(), null, purpose, action, outcome, reason, null,
                "BTG".equals(purpose), who == null ? null : who.role());
    }

    private static PatientId patientOf(XuaClaims who) {
        if (who == null || who.patientCx() == null) {
            return null;
        }
        try {
            return PatientId.parseCx(who.patientCx());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
