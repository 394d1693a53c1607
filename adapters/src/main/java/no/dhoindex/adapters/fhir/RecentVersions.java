package no.dhoindex.adapters.fhir;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resource versions read in the last polls' overlap window: polls look back a little (a change
 * stamped just before the watermark may commit after it was read), and this keeps a version
 * from being handled twice.
 */
final class RecentVersions {

    private final Map<String, Instant> versions = new ConcurrentHashMap<>();

    /** True when the version is new. */
    boolean add(String version, Instant lastUpdated) {
        return versions.putIfAbsent(version, lastUpdated) == null;
    }

    void forgetBefore(Instant instant) {
        versions.values().removeIf(at -> at.isBefore(instant));
    }
}
