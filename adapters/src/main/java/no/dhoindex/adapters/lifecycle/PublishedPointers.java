package no.dhoindex.adapters.lifecycle;

import java.util.Collection;
import java.util.Optional;
import no.dhoindex.shared.xds.model.DocumentPointer;

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

    /** The pointer published here with this entryUUID (approved or deprecated), if any. */
    Optional<Published> byEntryUuid(String entryUuid);

    /** The metadata of the pointer published here for this document uniqueId (approved or deprecated), if any. */
    Optional<DocumentPointer> metadata(String documentUniqueId);

    /** Records that the pointer with this entryUUID is approved again at the registry. */
    void approved(String entryUuid);

    /** Forgets the pointers with these entryUUIDs: the registry no longer holds them. */
    void forget(Collection<String> entryUuids);

    /** Records that the pointer with this entryUUID is deprecated at the registry. */
    void deprecated(String entryUuid);

    /** What is to go with a pointer whose removal was asked for: the pointer only, or the stored document too. */
    enum Removal { POINTER, DOCUMENT }

    /**
     * Keeps, durably and before the registry is asked, that the organisation asked to remove these pointers
     * (those recorded here among the ids): until {@link #forget} or {@link #removalRefused} they are neither
     * published nor missing, so reconciliation never registers them again.
     */
    void removing(Collection<String> entryUuids, Removal removal);

    /** The registry refused the removal (nothing was removed there): the pointers are as they were. */
    void removalRefused(Collection<String> entryUuids);

    /** A removal asked for and not known to be finished (an answer lost, a crash): its pointer and document. */
    record Unfinished(Published pointer, String documentUniqueId, Removal removal) {
    }

    /** Every removal asked for before {@code keptBefore} and not known to be finished. */
    java.util.List<Unfinished> unfinishedRemovals(java.time.Instant keptBefore);
}
