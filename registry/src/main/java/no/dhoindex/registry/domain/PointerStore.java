package no.dhoindex.registry.domain;

import java.util.Collection;
import java.util.List;
import no.dhoindex.shared.xds.registry.PointerIndex;

/**
 * Where the registry keeps its pointers: the queryable index, plus {@link #apply}, which stores a
 * whole registration in one transaction or nothing.
 */
public interface PointerStore extends PointerIndex {

    /** Stores a registration atomically; refuses (and stores nothing) if a status change lost a race. */
    void apply(RegistrationPlan plan);

    /** Which of these entryUUIDs already name some object in the registry. */
    List<String> existingUuids(Collection<String> entryUuids);
}
