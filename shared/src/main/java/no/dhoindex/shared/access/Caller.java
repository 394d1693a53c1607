package no.dhoindex.shared.access;

import java.util.Objects;
import java.util.logging.Logger;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * Who is asking, verified at the edge (a HelseID token, a trusted gateway's XUA assertion) and
 * passed explicitly to every application service that reads or writes patient data: the identity,
 * the organisation, the role, the purpose of use and the patient the caller is bound to. There is
 * no ambient caller and no "no caller": checks switched off for a benchmark are the explicit
 * {@link #unchecked} caller, logged as a warning.
 */
public record Caller(Kind kind, String subjectId, String name, String hprNumber, String organisation, String role,
                     String purposeOfUse, PatientScope patients) {

    private static final Logger LOG = Logger.getLogger(Caller.class.getName());

    public enum Kind {
        /** A health professional, vouched for by a token with an attestation or a trusted XUA assertion. */
        HEALTH_PERSONNEL,
        /** An organisation's own system (client credentials): writes its organisation's data, reads no patient's. */
        ORGANISATION_SYSTEM,
        /** A citizen about themselves. */
        CITIZEN,
        /** Checks switched off (benchmarks only). */
        UNCHECKED
    }

    public Caller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(patients, "patients");
    }

    /** A health professional bound to {@code patient} ({@code null}: to nobody). */
    public static Caller healthPersonnel(String subjectId, String name, String hprNumber, String organisation,
                                         String role, String purposeOfUse, PatientId patient) {
        return new Caller(Kind.HEALTH_PERSONNEL, subjectId, name, hprNumber, organisation, role, purposeOfUse,
                PatientScope.of(patient));
    }

    /** An organisation's own system: bound to no patient's data for reading. */
    public static Caller organisationSystem(String clientId, String organisation) {
        return new Caller(Kind.ORGANISATION_SYSTEM, clientId, null, null, organisation, null, null, PatientScope.none());
    }

    public static Caller citizen(PatientId self) {
        return new Caller(Kind.CITIZEN, self == null ? null : self.toCx(), null, null, null, null, null,
                PatientScope.of(self));
    }

    /** The settings that have switched checks off, each warned about once (not on every request of a benchmark). */
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Checks switched off by configuration ({@code why} names the setting); logged as a warning. */
    public static Caller unchecked(String why) {
        if (WARNED.add(why)) {
            LOG.warning(() -> "event=unchecked-caller " + why + ": answering WITHOUT access checks (benchmarks only)");
        }
        return new Caller(Kind.UNCHECKED, null, null, null, null, null, null, PatientScope.unchecked());
    }

    public boolean isUnchecked() {
        return kind == Kind.UNCHECKED;
    }

    /** Refuses unless this caller is bound to {@code patient} (authority and id together). */
    public void requirePatient(PatientId patient) {
        if (patient == null || !patients.admits(patient)) {
            throw new AccessDenied("patient-binding", patient == null ? "the request names no patient"
                    : "the caller is not bound to the patient the request is about");
        }
    }
}
