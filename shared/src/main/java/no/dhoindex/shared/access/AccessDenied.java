package no.dhoindex.shared.access;

/**
 * A caller may not do what it asked (another patient, a missing credential, a purpose not served).
 * Each protocol's edge turns it into its refusal (SOAP Fault 403, OperationOutcome 403); the reason
 * goes to the caller and the access log, so it names no internals.
 */
public class AccessDenied extends RuntimeException {

    private final String check;

    public AccessDenied(String check, String reason) {
        super(reason, null, false, false);
        this.check = check;
    }

    /** Which rule refused (for logs). */
    public String check() {
        return check;
    }
}
