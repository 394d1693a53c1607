package no.dhoindex.shared.xds.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One act of registration by a source: which source, when, for which patient. Its members
 * are tied to it by HasMember associations.
 */
public record SubmissionSet(RegistryObjectId id, AvailabilityStatus status, PatientId patientId, String sourceId,
                            String submissionTime, Code contentTypeCode, List<Author> authors,
                            List<Recipient> intendedRecipients, Text title, Text comments,
                            Map<String, List<String>> extraMetadata) {

    public SubmissionSet {
        Objects.requireNonNull(id, "id");
        authors = List.copyOf(authors);
        intendedRecipients = List.copyOf(intendedRecipients);
        extraMetadata = ExtraMetadata.copy(extraMetadata);
    }

    public String entryUuid() {
        return id.entryUuid();
    }

    public String uniqueId() {
        return id.uniqueId();
    }
}
