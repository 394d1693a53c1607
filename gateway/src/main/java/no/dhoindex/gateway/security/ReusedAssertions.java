package no.dhoindex.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import no.dhoindex.shared.xua.XuaClaims;

/**
 * Signed assertions (the FHIR side's {@code Authorization} value, the SOAP side's assertion element)
 * reused for the same claims —
 * user, role, purpose of use, patient and community — while they are fresh: signing one costs an RSA
 * signature and XML canonicalisation, and a clinician's system asks the same search of the same
 * sources again and again. An assertion is reused only within {@code reuse} of its issue (it is
 * valid for five minutes), so it always has most of its life left; anything that differs in the
 * claims gets its own. At most {@code capacity} are kept (all dropped when full: a burst of new
 * callers costs signatures again, never memory).
 */
final class ReusedAssertions<T> {

    private record Issued<T>(T assertion, Instant at) {
    }

    private final Map<XuaClaims, Issued<T>> issued = new ConcurrentHashMap<>();
    private final Duration reuse;
    private final int capacity;
    private final Clock clock;

    ReusedAssertions(Duration reuse, int capacity, Clock clock) {
        this.reuse = reuse;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The assertion for these claims: a fresh one kept, or {@code issue}'s new one. */
    T assertion(XuaClaims claims, Supplier<T> issue) {
        Instant now = clock.instant();
        Issued<T> kept = issued.get(claims);
        if (kept != null && now.isBefore(kept.at().plus(reuse)) && !now.isBefore(kept.at())) {
            return kept.assertion();
        }
        T assertion = issue.get();
        if (issued.size() >= capacity) {
            issued.clear();
        }
        issued.put(claims, new Issued<>(assertion, now));
        return assertion;
    }
}
