package no.dhoindex.shared.trust.checks;

import no.dhoindex.shared.trust.Attestation;
import no.dhoindex.shared.trust.AttestationReader;
import no.dhoindex.shared.trust.TokenRefusal;

/** The trust-framework attestation is present and states who (practitioner, role) and why (purpose of use), ATT-1..3. */
public final class AttestationChecks {

    private AttestationChecks() {
    }

    public static TokenOnlyCheck required() {
        return c -> {
            Attestation attestation = AttestationReader.read(c.claims().getClaim(Claims.AUTHORIZATION_DETAILS));
            if (attestation == null) {
                throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "attestation",
                        "the token carries no trust-framework attestation");
            }
            if (attestation.careRelation().purposeOfUse() == null) {
                throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "attestation",
                        "the attestation states no purpose of use");
            }
            if (attestation.practitioner().pid() == null && attestation.practitioner().hprNumber() == null) {
                throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "attestation",
                        "the attestation names no practitioner");
            }
            // The role every XUA assertion behind the call must carry (ITI TF-2b 3.40: exactly one role).
            if (attestation.practitioner().authorization() == null || attestation.practitioner().authorization().isBlank()) {
                throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "attestation",
                        "the attestation names no health personnel authorisation (role)");
            }
        };
    }

    /**
     * A clinician is identified by an HPR number (item 5): blocks a patient aims at a professional
     * can only match a professional the call names. The token's HPR claim, or the attestation's.
     */
    public static TokenOnlyCheck hprNumber() {
        return c -> {
            Object claim = c.claims().getClaim(Claims.HPR_NUMBER);
            Attestation attestation = AttestationReader.read(c.claims().getClaim(Claims.AUTHORIZATION_DETAILS));
            String attested = attestation == null ? null : attestation.practitioner().hprNumber();
            if ((claim == null || claim.toString().isBlank()) && (attested == null || attested.isBlank())) {
                throw new TokenRefusal(TokenRefusal.Kind.FORBIDDEN, "hpr-number",
                        "the user's token names no HPR number (health personnel number)");
            }
        };
    }
}
