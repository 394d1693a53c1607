package no.dhoindex.gateway.state;

import com.hazelcast.map.IMap;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import no.dhoindex.shared.trust.UsedProofs;

/**
 * Used proof ids in a map of the data grid: {@code putIfAbsent} is one atomic step on the entry's
 * owner, so of two nodes offered the same {@code jti} exactly one sees it first. Entries expire
 * when their proofs could no longer be accepted anyway.
 */
final class GridUsedProofs implements UsedProofs {

    private final IMap<String, Long> used;

    GridUsedProofs(IMap<String, Long> used) {
        this.used = used;
    }

    @Override
    public boolean firstUse(String jti, Instant forgetAfter, Instant now) {
        // Whole seconds, rounded up and at least one: an entry must never expire before its proof does.
        long ttl = Math.max(1, Duration.between(now, forgetAfter).plusMillis(999).toSeconds());
        return used.putIfAbsent(jti, forgetAfter.toEpochMilli(), ttl, TimeUnit.SECONDS) == null;
    }
}
