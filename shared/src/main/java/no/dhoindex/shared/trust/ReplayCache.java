package no.dhoindex.shared.trust;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the DPoP proof ids ({@code jti}) seen within their acceptance window, so a proof
 * can be used once (RFC 9449 §11.1). In memory: for a deployable that runs as one node; a cluster
 * shares one on its data grid (the gateway's {@code dho.gateway.grid=payara}).
 */
public final class ReplayCache implements UsedProofs {

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    @Override
    public boolean firstUse(String jti, Instant forgetAfter, Instant now) {
        if (seen.size() > 10_000) {
            seen.values().removeIf(expiry -> expiry.isBefore(now));
        }
        return seen.putIfAbsent(jti, forgetAfter) == null;
    }
}
