package no.dhoindex.demoplatform;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IIdType;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.ResourceFactory;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * The platform's data: resources by type and id, each with a version and lastUpdated, in memory.
 * It stands in for a supplier's database; the FHIR adapter must work with any FHIR R4 server.
 */
public final class PlatformStore {

    private final Map<String, Map<String, Resource>> byType = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    /** Told the type of every resource created, updated or deleted, once the change is in the store. */
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ObservationIndex observations = new ObservationIndex();
    /** Each type's resources by lastUpdated (unique: strictly increasing), the order a poll reads changes in. */
    private final Map<String, java.util.NavigableMap<Long, Resource>> byUpdate = new ConcurrentHashMap<>();
    /**
     * Each type's earlier versions (replaced or deleted) and its deletions, by the instant each was
     * written: with {@link #byUpdate} the history a FHIR server keeps ({@code _history}, vread).
     */
    private final Map<String, java.util.NavigableMap<Long, Resource>> past = new ConcurrentHashMap<>();

    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Saves and then tells the listeners (outside the store's lock, so a slow one holds up no writer). */
    public <T extends Resource> T change(T resource) {
        T saved = save(resource);
        listeners.forEach(l -> l.accept(saved.fhirType()));
        return saved;
    }

    /** Deletes (the resource is in no search or read any more) and tells the listeners; false if absent. */
    public boolean delete(IIdType id) {
        boolean deleted;
        synchronized (this) {
            Map<String, Resource> resources = byType.get(id.getResourceType());
            Resource removed = resources == null ? null : resources.remove(id.getIdPart());
            deleted = removed != null;
            if (removed != null) {
                unindex(removed);
                keepPast(removed);
                // The deletion is a version of its own, with no content (FHIR: a deleted resource's history).
                Resource deletion = ResourceFactory.createResource(id.getResourceType());
                String version = String.valueOf(Long.parseLong(removed.getMeta().getVersionId()) + 1);
                deletion.setId(new IdType(id.getResourceType(), id.getIdPart(), version));
                deletion.getMeta().setVersionId(version).setLastUpdated(nextInstant());
                ResourceMetadataKeyEnum.DELETED_AT.put(deletion, new InstantType(deletion.getMeta().getLastUpdated()));
                keepPast(deletion);
            }
        }
        if (deleted) {
            listeners.forEach(l -> l.accept(id.getResourceType()));
        }
        return deleted;
    }

    public synchronized <T extends Resource> T save(T resource) {
        String type = resource.fhirType();
        String id = resource.hasIdElement() && resource.getIdElement().hasIdPart()
                ? resource.getIdElement().getIdPart() : String.valueOf(ids.incrementAndGet());
        Resource previous = byType.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).get(id);
        if (previous != null) {
            unindex(previous); // as it was indexed, before anything of it changes (it may be this very object)
            if (previous != resource) {
                keepPast(previous);
            }
        }
        long version = previous == null ? 1 : Long.parseLong(previous.getMeta().getVersionId()) + 1;
        resource.setId(new IdType(type, id, String.valueOf(version)));
        resource.getMeta().setVersionId(String.valueOf(version));
        // Strictly increasing, so that a poll with _lastUpdated=gt<last seen> never misses a change.
        resource.getMeta().setLastUpdated(nextInstant());
        byType.get(type).put(id, resource);
        byUpdate.computeIfAbsent(type, t -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .put(resource.getMeta().getLastUpdated().getTime(), resource);
        if (resource instanceof Observation o) {
            observations.add(subjectKey(o), o);
        }
        return resource;
    }

    private void unindex(Resource r) {
        java.util.NavigableMap<Long, Resource> updates = byUpdate.get(r.fhirType());
        if (updates != null && r.getMeta().getLastUpdated() != null) {
            updates.remove(r.getMeta().getLastUpdated().getTime(), r);
        }
        if (r instanceof Observation o) {
            observations.remove(subjectKey(o), o);
        }
    }

    private void keepPast(Resource version) {
        past.computeIfAbsent(version.fhirType(), t -> new java.util.concurrent.ConcurrentSkipListMap<>())
                .put(version.getMeta().getLastUpdated().getTime(), version);
    }

    /** Whether this version is a deletion (no content). */
    public static boolean isDeletion(Resource version) {
        return ResourceMetadataKeyEnum.DELETED_AT.get(version) != null;
    }

    /**
     * Every version of the type's resources written at or after {@code fromMillis} (null: all),
     * deletions included, newest first, as a FHIR type-level {@code _history?_since=} answers.
     */
    public List<Resource> history(String type, Long fromMillis) {
        List<Resource> versions = new ArrayList<>();
        for (var byTime : List.of(byUpdate, past)) {
            java.util.NavigableMap<Long, Resource> all = byTime.getOrDefault(type, java.util.Collections.emptyNavigableMap());
            versions.addAll((fromMillis == null ? all : all.tailMap(fromMillis, true)).values());
        }
        versions.sort(java.util.Comparator.comparing((Resource r) -> r.getMeta().getLastUpdated()).reversed());
        return versions;
    }

    /** One version of a resource (the id names it), current or earlier, a deletion too; null if none. */
    public Resource readVersion(IIdType id) {
        Resource current = read(id);
        if (current != null && current.getMeta().getVersionId().equals(id.getVersionIdPart())) {
            return current;
        }
        for (Resource r : past.getOrDefault(id.getResourceType(), java.util.Collections.emptyNavigableMap()).values()) {
            if (r.getIdElement().getIdPart().equals(id.getIdPart())
                    && r.getMeta().getVersionId().equals(id.getVersionIdPart())) {
                return r;
            }
        }
        return null;
    }

    /** The type's resources in lastUpdated order from {@code fromMillis} on (null: all), lazily. */
    @SuppressWarnings("unchecked")
    public <T extends Resource> java.util.Iterator<T> inUpdateOrder(String type, Long fromMillis) {
        java.util.NavigableMap<Long, Resource> updates = byUpdate.getOrDefault(type,
                java.util.Collections.emptyNavigableMap());
        return (java.util.Iterator<T>) (fromMillis == null ? updates : updates.tailMap(fromMillis, true)).values().iterator();
    }

    private long lastInstant;

    private Date nextInstant() {
        long now = Math.max(System.currentTimeMillis(), lastInstant + 1);
        lastInstant = now;
        return new Date(now);
    }

    public Resource read(IIdType id) {
        Map<String, Resource> resources = byType.get(id.getResourceType());
        return resources == null ? null : resources.get(id.getIdPart());
    }

    /**
     * The Observations of the patient identified by {@code system|value} (of {@code code}, if not
     * null), effective within {@code [from, to]} (epoch millis, null: open), in date order, ties by
     * id: read from the index, lazily ({@link ObservationIndex}).
     */
    public java.util.Iterator<Observation> observations(String patientKey, String code, Long from, Long to,
                                                         boolean newestFirst) {
        return observations.inOrder(patientKey, code, from, to, newestFirst);
    }

    /** The index's key of an Observation's subject: its national id as {@code system|value}, or null. */
    String subjectKey(Observation o) {
        Identifier id = o.hasSubject() ? PatientMatch.subjectIdentifier(o.getSubject(), this) : null;
        return id == null || id.getValue() == null ? null : id.getSystem() + "|" + id.getValue();
    }

    /** The type's resources that pass {@code filter}, in lastUpdated order. */
    public <T extends Resource> List<T> search(String type, Predicate<T> filter) {
        List<T> result = new ArrayList<>();
        java.util.Iterator<T> all = inUpdateOrder(type, null);
        while (all.hasNext()) {
            T r = all.next();
            if (filter.test(r)) {
                result.add(r);
            }
        }
        return result;
    }
}
