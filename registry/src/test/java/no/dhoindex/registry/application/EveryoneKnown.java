package no.dhoindex.registry.application;

import no.dhoindex.registry.domain.PatientDirectory;
import no.dhoindex.shared.xds.model.PatientId;

/** A patient directory that knows every patient: for tests of what happens after the patient check. */
final class EveryoneKnown implements PatientDirectory {

    @Override
    public boolean isKnown(PatientId patientId) {
        return true;
    }

    @Override
    public boolean register(PatientId patientId) {
        return false;
    }
}
