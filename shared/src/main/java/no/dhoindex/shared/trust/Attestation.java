package no.dhoindex.shared.trust;

import java.util.List;

/**
 * The trust-framework attestation (Tillitsrammeverk, DOMAIN.md §6): who the practitioner is,
 * for which organisation, in which care relation and why, and which patients it concerns.
 */
public record Attestation(Practitioner practitioner, CareRelation careRelation, List<String> patients) {

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

    public boolean concerns(String patientId) {
        return patients.contains(patientId);
    }
}
