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

    /** A submission set as the registry holds it. */
    record SubmissionSetHeld(String uniqueId, String entryUuid, String patientId, String status,
                             List<DocumentHeld> documents) {
        public SubmissionSetHeld {
            documents = List.copyOf(documents);
        }
    }

    /** A document entry as the registry holds it. */
    record DocumentHeld(String uniqueId, String entryUuid, String hash, Long size, String status) {
    }
}
