package no.dhoindex.demoplatform;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * The platform's index of Observations, as a supplier's database would have one on (patient,
 * effective date) and on (patient, code, effective date): a patient's measurements in date order,
 * ties by id, so that "the newest 50 of this code since last week" walks 50 entries from the right
 * place instead of the patient's whole history. Undated Observations come last in either order
 * (as {@code _sort=date} puts them) and are in no date range.
 */
final class ObservationIndex {

    /** Where an Observation without an effective date is kept: after every dated one. */
    static final long UNDATED = Long.MAX_VALUE;

    /** national id → effective millis → id → Observation; and the same per national id and code. */
    private final Map<String, NavigableMap<Long, NavigableMap<String, Observation>>> byPatient = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<Long, NavigableMap<String, Observation>>> byPatientAndCode =
            new ConcurrentHashMap<>();

    /** Indexes {@code o} under {@code nationalId} (null: a subject without one, not indexed). Callers hold the store's lock. */
    void add(String nationalId, Observation o) {
        if (nationalId == null) {
            return;
        }
        put(byPatient, nationalId, o);
        for (String code : codes(o)) {
            put(byPatientAndCode, nationalId + "|" + code, o);
        }
    }

    /** Takes {@code o} (as it was indexed) out again. Callers hold the store's lock. */
    void remove(String nationalId, Observation o) {
        if (nationalId == null) {
            return;
        }
        take(byPatient, nationalId, o);
        for (String code : codes(o)) {
            take(byPatientAndCode, nationalId + "|" + code, o);
        }
    }

    /**
     * The patient's Observations (of {@code code}, if not null: the code's value, any system) whose
     * effective date lies within {@code [from, to]} (epoch millis, null: open), in date order
     * (newest first or oldest first; ties by id), undated last when no range is asked. Lazy: the
     * caller pays for what it reads.
     */
    Iterator<Observation> inOrder(String nationalId, String code, Long from, Long to, boolean newestFirst) {
        NavigableMap<Long, NavigableMap<String, Observation>> dates = code == null ? byPatient.get(nationalId)
                : byPatientAndCode.get(nationalId + "|" + code);
        if (dates == null) {
            return Collections.emptyIterator();
        }
        boolean ranged = from != null || to != null;
        NavigableMap<Long, NavigableMap<String, Observation>> dated = dates.subMap(from == null ? Long.MIN_VALUE : from,
                true, to == null ? UNDATED : to, to != null);
        NavigableMap<Long, NavigableMap<String, Observation>> ordered = newestFirst ? dated.descendingMap() : dated;
        Iterator<NavigableMap<String, Observation>> groups = ranged ? ordered.values().iterator()
                : concat(ordered.values().iterator(), dates.subMap(UNDATED, true, UNDATED, true).values().iterator());
        return new Iterator<>() {
            private Iterator<Observation> group = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!group.hasNext() && groups.hasNext()) {
                    group = groups.next().values().iterator();
                }
                return group.hasNext();
            }

            @Override
            public Observation next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return group.next();
            }
        };
    }

    static long when(Observation o) {
        return o.hasEffectiveDateTimeType() && o.getEffectiveDateTimeType().getValue() != null
                ? o.getEffectiveDateTimeType().getValue().getTime() : UNDATED;
    }

    private static java.util.Set<String> codes(Observation o) {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (Coding c : o.getCode().getCoding()) {
            if (c.getCode() != null) {
                codes.add(c.getCode());
            }
        }
        return codes;
    }

    private static void put(Map<String, NavigableMap<Long, NavigableMap<String, Observation>>> index, String key,
                            Observation o) {
        index.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(when(o), w -> new ConcurrentSkipListMap<>()).put(o.getIdElement().getIdPart(), o);
    }

    private static void take(Map<String, NavigableMap<Long, NavigableMap<String, Observation>>> index, String key,
                             Observation o) {
        NavigableMap<Long, NavigableMap<String, Observation>> dates = index.get(key);
        NavigableMap<String, Observation> group = dates == null ? null : dates.get(when(o));
        if (group != null) {
            group.remove(o.getIdElement().getIdPart());
            if (group.isEmpty()) {
                dates.remove(when(o));
            }
        }
    }

    private static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> second) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || second.hasNext();
            }

            @Override
            public T next() {
                return first.hasNext() ? first.next() : second.next();
            }
        };
    }
}
