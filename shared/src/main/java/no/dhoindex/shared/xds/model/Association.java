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

    // Metadata Update (ITI TF-3 4.2.2.1.x, ITI TF-2b 3.57): the slots that say which version a new
    // version replaces, the status change an UpdateAvailabilityStatus asks for, and whether a new
    // version inherits its previous version's folder memberships. Kept with the extra metadata.
    public static final String PREVIOUS_VERSION = "PreviousVersion";
    public static final String ORIGINAL_STATUS = "OriginalStatus";
    public static final String NEW_STATUS = "NewStatus";
    public static final String ASSOCIATION_PROPAGATION = "AssociationPropagation";

    /** The version a new version replaces (HasMember from its submission set); null when none is named. */
    public String previousVersion() {
        return slot(PREVIOUS_VERSION);
    }

    /** The status an UpdateAvailabilityStatus expects its target to have; null when not named. */
    public AvailabilityStatus originalStatus() {
        String s = slot(ORIGINAL_STATUS);
        return s == null ? null : AvailabilityStatus.valueOf(s);
    }

    /** The status an UpdateAvailabilityStatus gives its target; null when not named. */
    public AvailabilityStatus newStatus() {
        String s = slot(NEW_STATUS);
        return s == null ? null : AvailabilityStatus.valueOf(s);
    }

    /** Whether a new version inherits its previous version's folder memberships (default yes). */
    public boolean propagates() {
        return !"no".equalsIgnoreCase(slot(ASSOCIATION_PROPAGATION));
    }

    private String slot(String name) {
        List<String> values = extraMetadata.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
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
