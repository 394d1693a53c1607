package no.dhoindex.shared.access;

import java.util.Objects;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * Whose data a caller's reads may select: one patient (authority and id together), nobody, or —
 * only where checks are switched off for a benchmark — anybody. Look-ups put it into the selection
 * itself (a SQL condition, an index key), so another patient's object is never read, not filtered out.
 */
public final class PatientScope {

    private enum Kind { ONE, NONE, UNCHECKED }

    private static final PatientScope NONE = new PatientScope(Kind.NONE, null);
    private static final PatientScope UNCHECKED = new PatientScope(Kind.UNCHECKED, null);

    private final Kind kind;
    private final PatientId patient;

    private PatientScope(Kind kind, PatientId patient) {
        this.kind = kind;
        this.patient = patient;
    }

    /** Bound to this patient; {@code null} binds to nobody (fail closed). */
    public static PatientScope of(PatientId patient) {
        return patient == null ? NONE : new PatientScope(Kind.ONE, patient);
    }

    /** Bound to nobody: every selection is empty. */
    public static PatientScope none() {
        return NONE;
    }

    /** Not bound: only for a caller whose checks were explicitly switched off (benchmarks). */
    static PatientScope unchecked() {
        return UNCHECKED;
    }

    /** Whether objects of this patient may be selected. */
    public boolean admits(PatientId candidate) {
        return switch (kind) {
            case ONE -> patient.equals(candidate);
            case NONE -> false;
            case UNCHECKED -> candidate != null;
        };
    }

    /** Nothing at all can be selected: a look-up may answer empty without asking its store. */
    public boolean isEmpty() {
        return kind == Kind.NONE;
    }

    /** The patient a selection must be restricted to; empty when unchecked (or bound to nobody: see {@link #isEmpty}). */
    public java.util.Optional<PatientId> patient() {
        return java.util.Optional.ofNullable(patient);
    }

    public boolean isUnchecked() {
        return kind == Kind.UNCHECKED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatientScope other && kind == other.kind && Objects.equals(patient, other.patient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, patient);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ONE -> "patient " + patient.toCx();
            case NONE -> "no patient";
            case UNCHECKED -> "unchecked";
        };
    }
}
