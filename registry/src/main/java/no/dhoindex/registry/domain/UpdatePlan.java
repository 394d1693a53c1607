package no.dhoindex.registry.domain;

import java.util.List;
import java.util.Objects;
import no.dhoindex.shared.xds.model.AvailabilityStatus;

/**
 * Everything one accepted metadata update changes (ITI-57, ITI-92): the objects it adds (its
 * submission set, the new versions, their associations), the versions they supersede (no longer
 * the latest, deprecated) and the status changes it makes. Stored in one transaction or not at all.
 */
public record UpdatePlan(RegistrationPlan additions, List<String> supersededDocumentUuids,
                         List<String> supersededFolderUuids, List<StatusChange> statusChanges) {

    public UpdatePlan {
        Objects.requireNonNull(additions, "additions");
        supersededDocumentUuids = List.copyOf(supersededDocumentUuids);
        supersededFolderUuids = List.copyOf(supersededFolderUuids);
        statusChanges = List.copyOf(statusChanges);
    }

    /** Which kind of object a status change is for. */
    public enum Kind {
        DOCUMENT, FOLDER, ASSOCIATION
    }

    /** An availabilityStatus change, applied only if the object still has status {@code from}. */
    public record StatusChange(Kind kind, String entryUuid, AvailabilityStatus from, AvailabilityStatus to) {
    }
}
