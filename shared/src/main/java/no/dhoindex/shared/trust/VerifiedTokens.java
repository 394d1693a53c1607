package no.dhoindex.shared.trust;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access tokens that passed every check of one verifier, by their exact text, until they expire: the
 * parsed token, the issuer's key its signature verified with and the caller it names. Bounded: the
 * least recently used is forgotten first. Only a token that passed everything is put here, so a
 * refusal is never remembered as a success.
 */
final class VerifiedTokens {

    /** What one verification established about a token; what depends on the call is checked again. */
    record Verified(SignedJWT token, JWTClaimsSet claims, JWK signingKey, VerifiedCaller caller, Instant expires) {
    }

    private final Map<String, Verified> byToken;

    VerifiedTokens(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.byToken = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The token verified before and not yet expired at {@code now}; an expired one is forgotten. */
    synchronized Verified get(String token, Instant now) {
        Verified known = byToken.get(token);
        if (known != null && !known.expires().isAfter(now)) {
            byToken.remove(token);
            return null;
        }
        return known;
    }

    /** Remembers a token that passed every check, while it has not expired. */
    synchronized void put(String token, Verified verified, Instant now) {
        if (verified.expires() != null && verified.expires().isAfter(now)) {
            byToken.put(token, verified);
        }
    }

    synchronized int size() {
        return byToken.size();
    }
}
