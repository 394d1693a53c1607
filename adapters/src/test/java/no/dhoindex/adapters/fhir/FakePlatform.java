package no.dhoindex.adapters.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DHO platform in memory, versioned as a FHIR server is: measurements with an effective time and
 * a code, each write a version stamped by the test's clock; history with deletions (undated, as HAPI
 * answers them), vread of earlier versions, and the summary a pointer is made from. Each of
 * history, vread and the {@code _lastUpdated} search can be switched off; a version can be written
 * "late" (stamped now, seen by reads only from {@link #commit()} on), as a slow transaction would be.
 */
final class FakePlatform implements PlatformReads {

    /** A clock the test moves. */
    static final class TestClock extends Clock {

        private Instant now;

        TestClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** One version of a measurement: its content, or its deletion (patient null). */
    private record Version(String id, int number, String patient, String effective, String code, Instant at,
                           boolean visible) {

        String key() {
            return "Observation/" + id + "/_history/" + number;
        }
    }

    private final TestClock clock;
    private final List<Version> versions = new ArrayList<>();
    private int ids;
    boolean offersHistory = true;
    boolean offersVread = true;
    final AtomicInteger historyReads = new AtomicInteger();
    final AtomicInteger searches = new AtomicInteger();
    final AtomicInteger summaries = new AtomicInteger();
    final AtomicInteger vreads = new AtomicInteger();

    FakePlatform(TestClock clock) {
        this.clock = clock;
    }

    /** A new measurement (effective HL7 DTM, e.g. 20261101080000); returns its id. */
    synchronized String measure(String patient, String effective, String code) {
        String id = String.valueOf(++ids);
        write(id, patient, effective, code, true);
        return id;
    }

    synchronized void correct(String id, String effective, String code) {
        write(id, current(id).patient(), effective, code, true);
    }

    synchronized void delete(String id) {
        write(id, null, null, null, true);
    }

    /** A correction stamped now but not visible to reads until {@link #commit()}. */
    synchronized void correctLate(String id, String effective, String code) {
        write(id, current(id).patient(), effective, code, false);
    }

    synchronized void commit() {
        versions.replaceAll(v -> v.visible() ? v : new Version(v.id(), v.number(), v.patient(), v.effective(),
                v.code(), v.at(), true));
    }

    private void write(String id, String patient, String effective, String code, boolean visible) {
        Version before = latest(id, false);
        clock.advance(Duration.ofMillis(10));
        versions.add(new Version(id, before == null ? 1 : before.number() + 1, patient, effective, code,
                clock.instant(), visible));
    }

    private Version latest(String id, boolean visibleOnly) {
        Version found = null;
        for (Version v : versions) {
            if (v.id().equals(id) && (!visibleOnly || v.visible())) {
                found = v;
            }
        }
        return found;
    }

    private Version current(String id) {
        return latest(id, false);
    }

    /** The current version of each resource that exists (visible to reads). */
    private synchronized List<Version> existing() {
        Map<String, Version> latest = new LinkedHashMap<>();
        for (Version v : versions) {
            if (v.visible()) {
                latest.put(v.id(), v);
            }
        }
        return latest.values().stream().filter(v -> v.patient() != null).toList();
    }

    @Override
    public synchronized Changes changedSince(Instant since) {
        searches.incrementAndGet();
        List<Change> changes = new ArrayList<>();
        Instant upTo = since;
        for (Version v : existing()) {
            if (v.at().isAfter(since)) {
                changes.add(change(v));
                upTo = v.at().isAfter(upTo) ? v.at() : upTo;
            }
        }
        return new Changes(changes, List.of(), upTo);
    }

    @Override
    public synchronized Changes historySince(Instant since) {
        historyReads.incrementAndGet();
        if (!offersHistory) {
            throw new HistoryNotOffered("HTTP 400: no _history here");
        }
        List<Change> changes = new ArrayList<>();
        List<Deletion> deletions = new ArrayList<>();
        Instant upTo = since;
        for (Version v : versions) {
            if (!v.visible() || v.at().isBefore(since)) {
                continue;
            }
            if (v.patient() == null) {
                deletions.add(new Deletion(DataKind.MEASUREMENTS, "Observation/" + v.id(), v.key(), null));
            } else {
                changes.add(change(v));
                upTo = v.at().isAfter(upTo) ? v.at() : upTo;
            }
        }
        return new Changes(changes, deletions, upTo);
    }

    private static Change change(Version v) {
        return new Change(v.patient(), DataKind.MEASUREMENTS, "Observation/" + v.id(), v.key(), v.at());
    }

    @Override
    public synchronized Optional<String> subjectBefore(Deletion deletion) {
        vreads.incrementAndGet();
        if (!offersVread) {
            return Optional.empty();
        }
        int number = Integer.parseInt(deletion.version().substring(deletion.version().lastIndexOf('/') + 1));
        return versions.stream().filter(v -> deletion.resourceId().equals("Observation/" + v.id())
                && v.number() == number - 1).map(Version::patient).findFirst();
    }

    @Override
    public synchronized PatientData summary(String nationalId, DataKind kind) {
        summaries.incrementAndGet();
        TreeSet<String> times = new TreeSet<>();
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        int count = 0;
        for (Version v : existing()) {
            if (v.patient().equals(nationalId) && kind == DataKind.MEASUREMENTS) {
                times.add(v.effective());
                codes.add(v.code());
                count++;
            }
        }
        return new PatientData(nationalId, kind, times.isEmpty() ? null : times.first(),
                times.isEmpty() ? null : times.last(), List.copyOf(codes), count);
    }
}
