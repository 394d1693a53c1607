package no.dhoindex.shared.trust;

import java.util.List;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The trust-framework attestation (Tillitsrammeverk, DOMAIN.md §6): who the practitioner is,
 * for which organisation, in which care relation and why, and which patients it concerns.
 */
public record Attestation(Practitioner practitioner, CareRelation careRelation, List<PatientId> patients) {

    public Attestation {
        patients = patients == null ? List.of() : List.copyOf(patients);
    }

    /** The attested practitioner and where they work. */
    public record Practitioner(String pid, String name, String hprNumber, String authorization, String legalEntity,
                               String pointOfCare, String department) {
    }

    /** The attested need in the course of duty (tjenstlig behov). */
    public record CareRelation(String healthcareService, String healthcareServiceSystem, String purposeOfUse,
                               String purposeOfUseDetails, String decisionRef, boolean userSelected) {
    }

    /** Whether the attestation names this patient: the authority and the id together. */
    public boolean concerns(PatientId patientId) {
        return patientId != null && patients.contains(patientId);
    }
}
