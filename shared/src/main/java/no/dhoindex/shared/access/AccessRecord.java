package no.dhoindex.shared.access;

import java.time.Instant;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * One access, or one refusal, as the patient is entitled to see it: when, who (person, HPR number,
 * organisation, system), which patient, why (purpose of use; emergency), what, and the outcome.
 * {@code id} is the log's own sequence (null until stored).
 */
public record AccessRecord(Long id, Instant recorded, PatientId patient, String practitionerPid, String hprNumber,
                           String practitionerName, String organisation, String clientId, String purposeOfUse,
                           String action, Outcome outcome, String reason, String correlationId, boolean emergency) {

    public enum Outcome { GRANTED, REFUSED }
}
