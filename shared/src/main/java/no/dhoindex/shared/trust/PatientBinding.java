package no.dhoindex.shared.trust;

/**
 * ATT-4: an attestation is bound to the patients it names; a request about anyone else is
 * refused. System tokens (no attestation) are not for patient data and are refused too.
 */
public final class PatientBinding {

    private PatientBinding() {
    }

    public static void require(VerifiedCaller caller, no.dhoindex.shared.xds.model.PatientId patientId) throws TokenRefusal {
        if (caller.attestation() == null) {
            throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "patient-binding",
                    "patient data needs a user's token with a trust-framework attestation");
        }
        if (!caller.attestation().concerns(patientId)) {
            throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "patient-binding",
                    "the attestation does not name the patient the request is about");
        }
    }
}
