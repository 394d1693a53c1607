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

    boolean contains(String version) {
        return versions.containsKey(version);
    }

    void add(String version, Instant lastUpdated) {
        versions.put(version, lastUpdated);
    }

    void forgetBefore(Instant instant) {
        versions.values().removeIf(at -> at.isBefore(instant));
    }
}
