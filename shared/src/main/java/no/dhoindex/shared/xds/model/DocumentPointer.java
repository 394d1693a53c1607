package no.dhoindex.shared.xds.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pointer to a document or data set held by one organisation: the XDS DocumentEntry. The
 * registry keeps only these; the content stays at {@link DocumentLocation#repositoryUniqueId()}.
 */
public record DocumentPointer(RegistryObjectId id, AvailabilityStatus status, DocumentEntryType type,
                              PatientId patientId, DocumentCodes codes, Provenance provenance,
                              DocumentLocation location, Text title, Text comments,
                              List<Identifier> referenceIds, Map<String, List<String>> extraMetadata) {

    public DocumentPointer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        referenceIds = List.copyOf(referenceIds);
        extraMetadata = ExtraMetadata.copy(extraMetadata);
    }

    public String entryUuid() {
        return id.entryUuid();
    }

    public String uniqueId() {
        return id.uniqueId();
    }

    public DocumentPointer withStatus(AvailabilityStatus newStatus) {
        return new DocumentPointer(id, newStatus, type, patientId, codes, provenance, location, title, comments,
                referenceIds, extraMetadata);
    }

    public DocumentPointer withLocation(DocumentLocation newLocation) {
        return new DocumentPointer(id, status, type, patientId, codes, provenance, newLocation, title, comments,
                referenceIds, extraMetadata);
    }

    public DocumentPointer withHomeCommunityId(String communityId) {
        return withId(id.withHomeCommunityId(communityId));
    }

    public DocumentPointer withId(RegistryObjectId newId) {
        return new DocumentPointer(newId, status, type, patientId, codes, provenance, location, title, comments,
                referenceIds, extraMetadata);
    }
}
