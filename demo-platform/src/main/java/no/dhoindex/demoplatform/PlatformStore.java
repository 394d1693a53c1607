package no.dhoindex.demoplatform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
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
            deleted = resources != null && resources.remove(id.getIdPart()) != null;
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
        long version = previous == null ? 1 : Long.parseLong(previous.getMeta().getVersionId()) + 1;
        resource.setId(new IdType(type, id, String.valueOf(version)));
        resource.getMeta().setVersionId(String.valueOf(version));
        // Strictly increasing, so that a poll with _lastUpdated=gt<last seen> never misses a change.
        resource.getMeta().setLastUpdated(nextInstant());
        byType.get(type).put(id, resource);
        return resource;
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

    @SuppressWarnings("unchecked")
    public <T extends Resource> List<T> search(String type, Predicate<T> filter) {
        List<T> result = new ArrayList<>();
        for (Resource r : byType.getOrDefault(type, Map.of()).values()) {
            if (filter.test((T) r)) {
                result.add((T) r);
            }
        }
        result.sort(Comparator.comparing((T r) -> r.getMeta().getLastUpdated()));
        return result;
    }
}
