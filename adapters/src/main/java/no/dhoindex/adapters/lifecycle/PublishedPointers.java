package no.dhoindex.adapters.lifecycle;

import java.util.Collection;
import java.util.Optional;

/**
 * The adapter's own record of what it published (port), kept in step with the registry so that
 * reconciliation neither registers a removed pointer again nor deprecates a deprecated one twice.
 */
public interface PublishedPointers {

    /** The pointer published here for this document uniqueId (registered, approved or deprecated), if any. */
    Optional<Published> byDocument(String documentUniqueId);

    /** A published pointer: its entryUUID, the submission set it was registered in (if known), its status here. */
    record Published(String entryUuid, String submissionSetUniqueId, String status) {
    }

    /** Forgets the pointers with these entryUUIDs: the registry no longer holds them. */
    void forget(Collection<String> entryUuids);

    /** Records that the pointer with this entryUUID is deprecated at the registry. */
    void deprecated(String entryUuid);
}
