package no.dhoindex.registry.domain;

import java.util.List;
import java.util.Optional;

/**
 * What an organisation has registered, read by the organisation itself (to settle an ambiguous
 * registration, and to reconcile): only objects under its own arcs are ever selected, so another
 * organisation's object is absent exactly like one that does not exist.
 */
public interface OwnPointers {

    /** The submission set with this uniqueId whose sourceId is the registrant's, with its own documents. */
    Optional<SubmissionSetHeld> submissionSet(Registrant registrant, String uniqueId);

    /**
     * Up to {@code limit} of the registrant's document entries (repositoryUniqueId under its arcs),
     * of {@code patientCx} if given, with entryUUIDs after {@code after} (keyset paging), by entryUUID.
     */
    List<DocumentListed> documents(Registrant registrant, String patientCx, String after, int limit);

    /**
     * Deprecates the registrant's document entry with this entryUUID (again: no change); {@code false}
     * when there is none of the registrant's, exactly as when there is none at all.
     */
    boolean deprecate(Registrant registrant, String entryUuid);

    /** A document entry in the organisation's own listing: what a publisher compares with what it published. */
    record DocumentListed(String entryUuid, String uniqueId, String patientId, String classCode, String typeCode,
                          String hash, Long size, String status, String repositoryUniqueId, String homeCommunityId,
                          String submissionSetUniqueId, String serviceStartTime, String serviceStopTime) {
    }

    /** A submission set as the registry holds it. */
    record SubmissionSetHeld(String uniqueId, String entryUuid, String patientId, String status,
                             List<DocumentHeld> documents) {
        public SubmissionSetHeld {
            documents = List.copyOf(documents);
        }
    }

    /**
     * A document entry as the registry holds it, and the entryUUID of the set's HasMember association
     * to it ({@code membership}): what an ITI-62 removal of the document from the set names.
     */
    record DocumentHeld(String uniqueId, String entryUuid, String hash, Long size, String status, String membership) {
    }
}
