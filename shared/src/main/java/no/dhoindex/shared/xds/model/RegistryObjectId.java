package no.dhoindex.shared.xds.model;

import java.util.Objects;

/**
 * How an object is named in the registry: its entryUUID (one per version), uniqueId (stable
 * across versions of a document), logical id and version, and the community that holds it.
 */
public record RegistryObjectId(String entryUuid, String uniqueId, String logicalUuid, String version,
                               String homeCommunityId) {

    public RegistryObjectId {
        Objects.requireNonNull(entryUuid, "entryUuid");
    }

    public RegistryObjectId withHomeCommunityId(String communityId) {
        return new RegistryObjectId(entryUuid, uniqueId, logicalUuid, version, communityId);
    }
}
