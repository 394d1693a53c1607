package no.dhoindex.registry.domain;

import java.util.Collection;
import java.util.List;
import no.dhoindex.shared.xds.model.Association;

/**
 * The registry's objects as ITI-62 Remove Metadata sees them (ITI TF-2b 3.62.4.1.3): looked up by
 * entryUUID across patients (a removal's integrity checks are never an answer to a query), and
 * removed together in one transaction or not at all.
 */
public interface RemovableMetadata {

    /** The submission sets, document entries, folders and associations with these entryUUIDs. */
    List<StoredObject> objects(Collection<String> entryUuids);

    /** The associations with these entryUUIDs. */
    List<Association> associations(Collection<String> entryUuids);

    /** Every association whose source or target is one of these entryUUIDs. */
    List<Association> associationsTouching(Collection<String> entryUuids);

    /**
     * Removes these objects atomically. Refuses (UnresolvedReferenceException, ReferencesExistException)
     * and removes nothing where another request removed one of them or began to reference one meanwhile.
     */
    void remove(Collection<StoredObject> objects);
}
