package no.dhoindex.adapters.registry;

import java.util.List;
import java.util.Objects;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Submission;

/** What the registry holds under one of this organisation's submission set uniqueIds. */
public record HeldSubmissionSet(String uniqueId, String entryUuid, String patient, String status,
                                List<HeldDocument> documents) {

    public HeldSubmissionSet {
        documents = List.copyOf(documents);
    }

    /** A document entry as the registry holds it, with the entryUUID of the set's HasMember association to it. */
    public record HeldDocument(String uniqueId, String entryUuid, String hash, Long size, String status,
                               String membership) {
    }

    /**
     * Whether this is what {@code sent} registers: the same documents (uniqueId and, where sent, hash
     * and size), so a retry or an answer lost on the way is a success and anything else a conflict.
     * EntryUUIDs are not compared: a source's retry through the repository gets new ones.
     */
    public boolean holds(Submission sent) {
        if (!uniqueId.equals(sent.submissionSet().uniqueId()) || documents.size() != sent.documents().size()) {
            return false;
        }
        for (DocumentPointer d : sent.documents()) {
            boolean found = documents.stream().anyMatch(h -> h.uniqueId().equals(d.uniqueId())
                    && (d.location() == null || d.location().hash() == null || h.hash() == null
                        || d.location().hash().equalsIgnoreCase(h.hash()))
                    && (d.location() == null || d.location().size() == null || h.size() == null
                        || Objects.equals(d.location().size(), h.size())));
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
