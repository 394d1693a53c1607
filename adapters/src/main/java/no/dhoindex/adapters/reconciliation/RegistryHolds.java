package no.dhoindex.adapters.reconciliation;

import no.dhoindex.adapters.registry.OwnDocument;
import no.dhoindex.shared.xds.model.DocumentPointer;

/**
 * What the registry holds for this organisation, and the repairs it takes (port). Each method
 * throws {@link no.dhoindex.adapters.registry.RegistryUnreachable} or
 * {@link no.dhoindex.shared.xds.error.XdsRefusal} when the registry cannot be asked or refuses.
 */
public interface RegistryHolds {

    /** One page of the organisation's document entries, by entryUUID, after {@code after} ({@code null}: from the start). */
    OwnDocument.Page documents(String after, int limit);

    /** Registers the pointer again, with its own uniqueId and entryUUID (idempotent publishing). */
    void register(DocumentPointer pointer);

    /** Deprecates the organisation's entry; {@code false} when the registry holds none by that entryUUID. */
    boolean deprecate(String entryUuid);
}
