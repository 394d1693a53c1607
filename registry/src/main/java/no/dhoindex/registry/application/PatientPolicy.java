package no.dhoindex.registry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.registry.domain.PatientDirectory;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.NationalIdentityNumber;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * Which patient ids the registry accepts: valid Norwegian national ids as they are (the national
 * registry is the affinity domain's identity source), any other authority only once a patient
 * identity feed has made the id known.
 */
@ApplicationScoped
public class PatientPolicy {

    private final PatientDirectory directory;
    private final RegistrySettings settings;

    /** For the CDI proxy only. */
    protected PatientPolicy() {
        this.directory = null;
        this.settings = null;
    }

    @Inject
    public PatientPolicy(PatientDirectory directory, RegistrySettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    public void requireKnown(PatientId patientId) {
        if (patientId == null) {
            throw new XdsRefusal(XdsErrorCode.UNKNOWN_PATIENT_ID, "The submission names no patient id");
        }
        if (patientId.isNationalId()) {
            NationalIdentityNumber.Defect defect =
                    NationalIdentityNumber.check(patientId.id(), settings.strictCheckDigits());
            if (defect != null) {
                throw new XdsRefusal(XdsErrorCode.UNKNOWN_PATIENT_ID,
                        "Patient id " + patientId.toCx() + " is not a valid national id: " + defect.reason());
            }
            return;
        }
        if (!directory.isKnown(patientId)) {
            throw new XdsRefusal(XdsErrorCode.UNKNOWN_PATIENT_ID,
                    "Patient id " + patientId.toCx() + " is not known to the registry (no identity feed for it)");
        }
    }

    /** A patient identity feed: national ids are checked, other ids recorded. */
    public boolean feed(PatientId patientId) {
        if (patientId.isNationalId()) {
            requireKnown(patientId);
        }
        return directory.register(patientId);
    }
}
