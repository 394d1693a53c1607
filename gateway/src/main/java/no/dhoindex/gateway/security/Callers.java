package no.dhoindex.gateway.security;

import java.util.Optional;
import no.dhoindex.shared.trust.VerifiedCaller;

/**
 * The verified caller of the request being served on this thread: set by {@link CallerGate} before
 * the SOAP and FHIR servlets run (they serve a request on the thread it arrived on), cleared after.
 */
public final class Callers {

    private static final ThreadLocal<VerifiedCaller> CURRENT = new ThreadLocal<>();

    private Callers() {
    }

    static void set(VerifiedCaller caller) {
        CURRENT.set(caller);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** Empty only when the gateway runs with security off (benchmarks). */
    public static Optional<VerifiedCaller> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
