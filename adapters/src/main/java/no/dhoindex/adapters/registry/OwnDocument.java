package no.dhoindex.adapters.registry;

/**
 * A document entry as the registry lists it for this organisation ({@code GET /registry/admin/own/documents}):
 * what reconciliation compares with what the adapter published. Status is the registry's
 * ({@code APPROVED} / {@code DEPRECATED}); times are DTM as registered.
 */
public record OwnDocument(String entryUuid, String uniqueId, String patient, String classCode, String typeCode,
                          String hash, Long size, String status, String repositoryUniqueId, String homeCommunityId,
                          String submissionSetUniqueId, String serviceStartTime, String serviceStopTime) {

    /** One page of the listing; {@code next} is the entryUUID to list after, {@code null} on the last page. */
    public record Page(java.util.List<OwnDocument> documents, String next) {
        public Page {
            documents = java.util.List.copyOf(documents);
        }
    }
}
