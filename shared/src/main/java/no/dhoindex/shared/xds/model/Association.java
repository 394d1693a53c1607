package no.dhoindex.shared.xds.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A relation between two registry objects. {@code submissionSetStatus} is the HasMember label
 * (Original / Reference) when the source is a submission set; {@code documentation} the optional
 * reason code of a lifecycle association (ITI TF-3 4.2.2.2, "association documentation").
 */
public record Association(String entryUuid, AssociationType type, String sourceUuid, String targetUuid,
                          AvailabilityStatus status, String submissionSetStatus, String homeCommunityId,
                          Map<String, List<String>> extraMetadata, Code documentation) {


    public Association {
        Objects.requireNonNull(entryUuid, "entryUuid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceUuid, "sourceUuid");
        Objects.requireNonNull(targetUuid, "targetUuid");
        extraMetadata = ExtraMetadata.copy(extraMetadata);
    }

    public Association withStatus(AvailabilityStatus newStatus) {
        return new Association(entryUuid, type, sourceUuid, targetUuid, newStatus, submissionSetStatus,
                homeCommunityId, extraMetadata, documentation);
    }

    /** The same association under other ids (symbolic ids resolved) or as seen from another community. */
    public Association withIds(String newEntryUuid, String newSourceUuid, String newTargetUuid, String newHome) {
        return new Association(newEntryUuid, type, newSourceUuid, newTargetUuid, status, submissionSetStatus,
                newHome, extraMetadata, documentation);
    }
}
