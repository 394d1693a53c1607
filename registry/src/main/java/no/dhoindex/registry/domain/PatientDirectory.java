package no.dhoindex.registry.domain;

import no.dhoindex.shared.xds.model.PatientId;

/** The patient ids a patient identity feed has made known (for authorities other than the national id). */
public interface PatientDirectory {

    boolean isKnown(PatientId patientId);

    /** Records the id; returns false where it was known already. */
    boolean register(PatientId patientId);
}
