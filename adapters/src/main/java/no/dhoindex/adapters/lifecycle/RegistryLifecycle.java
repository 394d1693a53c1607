package no.dhoindex.adapters.lifecycle;

import java.util.List;
import java.util.Optional;
import no.dhoindex.adapters.registry.HeldSubmissionSet;
import no.dhoindex.shared.xds.model.Submission;

/**
 * The registry's lifecycle transactions under the adapter's own credentials (port). A refusal comes
 * back as an {@code XdsRefusal}, another organisation's object as {@code AccessDenied}, no answer as
 * {@code RegistryUnreachable}.
 */
public interface RegistryLifecycle {

    /** ITI-62 Remove Metadata of these objects (entryUUIDs): all of them or none. */
    void removeMetadata(List<String> entryUuids);

    /** What the registry holds under one of the organisation's submission set uniqueIds, with each document's membership. */
    Optional<HeldSubmissionSet> held(String submissionSetUniqueId);

    /** Deprecates one of the organisation's document entries; {@code false} when the registry holds none of its by that id. */
    boolean deprecate(String entryUuid);

    /** ITI-57 Update Document Set of status updates only (UpdateAvailabilityStatus associations): all or none. */
    void updateStatus(Submission statusUpdates);
}
