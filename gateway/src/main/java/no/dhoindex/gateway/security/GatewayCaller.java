package no.dhoindex.gateway.security;

import java.util.List;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.trust.Attestation;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * A verified token turned into the {@link Caller} the gateway's services take: a health professional
 * bound to the attestation's one patient (authority and id together). An attestation naming no
 * patient or several binds to nobody, unless the request names one of them: which of several the
 * call is about is then the request's to say, never the gateway's to guess.
 */
public final class GatewayCaller {

    /** The request attribute {@link CallerGate} puts the {@link VerifiedCaller} under (no ThreadLocal). */
    public static final String VERIFIED_CALLER = GatewayCaller.class.getName() + ".verified";

    private GatewayCaller() {
    }

    /** @param named the patient the request names, or null (asked by id) */
    public static Caller of(VerifiedCaller verified, PatientId named) {
        Attestation a = verified.attestation();
        String subject = verified.pid() != null ? verified.pid() : verified.subject();
        if (a == null) {
            // No attestation, no patient: the verifier refuses such a token before this, fail closed regardless.
            return Caller.healthPersonnel(subject, null, verified.hprNumber(), verified.organisation(), null, null, null);
        }
        Attestation.Practitioner p = a.practitioner();
        String hpr = verified.hprNumber() != null ? verified.hprNumber() : p.hprNumber();
        String organisation = p.legalEntity() != null ? p.legalEntity() : verified.organisation();
        return Caller.healthPersonnel(subject, p.name(), hpr, organisation, p.authorization(),
                a.careRelation().purposeOfUse(), boundPatient(a.patients(), named));
    }

    private static PatientId boundPatient(List<PatientId> attested, PatientId named) {
        if (attested.size() == 1) {
            return attested.get(0);
        }
        return named != null && attested.contains(named) ? named : null;
    }
}
