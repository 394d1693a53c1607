package no.dhoindex.adapters.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.registry.HeldSubmissionSet;
import no.dhoindex.adapters.retrieve.RetrieveDocuments.Request;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Submission;

/**
 * What the organisation's own systems ask of their sharing service over a document's life: remove
 * stored documents (ITI-86), remove their pointers from the registry (ITI-62, forwarded under the
 * adapter's own credentials) and change a pointer's status (ITI-57, forwarded likewise). Only the organisation's own systems (their
 * verified token), never a user's call; each request wholly or not at all.
 */
@ApplicationScoped
public class OwnLifecycle {

    private static final Logger LOG = Logger.getLogger(OwnLifecycle.class.getName());

    private final Supplier<Organisation> organisation;
    private final StoredDocuments documents;
    private final RegistryLifecycle registry;
    private final PublishedPointers published;

    /** For the CDI proxy only. */
    protected OwnLifecycle() {
        this((Supplier<Organisation>) null, null, null, null);
    }

    @Inject
    public OwnLifecycle(OrganisationSettings settings, StoredDocuments documents, RegistryLifecycle registry,
                        PublishedPointers published) {
        this(settings == null ? null : settings::organisation, documents, registry, published);
    }

    public OwnLifecycle(Supplier<Organisation> organisation, StoredDocuments documents, RegistryLifecycle registry,
                        PublishedPointers published) {
        this.organisation = organisation;
        this.documents = documents;
        this.registry = registry;
        this.published = published;
    }

    private static void requireOwnSystem(Caller caller) {
        if (caller.kind() != Caller.Kind.ORGANISATION_SYSTEM && !caller.isUnchecked()) {
            throw new AccessDenied("own-system", "only the organisation's own systems manage its documents' lifecycle");
        }
    }

    /**
     * ITI-86 Remove Documents (ITI TF-2b 3.86.4.1.3): removes the stored documents, all of them or none.
     * A document of another repository is XDSUnknownRepositoryId, of another community
     * XDSUnknownCommunity, one not stored here XDSDocumentUniqueIdError. The pointers stay at the
     * registry until removed by ITI-62 (the Document Administrator's order: metadata first).
     */
    public int removeDocuments(Caller caller, List<Request> requests) {
        requireOwnSystem(caller);
        Organisation here = organisation.get();
        if (requests.isEmpty()) {
            throw new XdsRefusal(XdsErrorCode.REPOSITORY_ERROR, "The request names no document");
        }
        Set<String> uniqueIds = new LinkedHashSet<>();
        for (Request r : requests) {
            if (r.homeCommunityId() != null && !r.homeCommunityId().isBlank()
                    && !strip(r.homeCommunityId()).equals(strip(here.homeCommunityId()))) {
                throw new XdsRefusal(XdsErrorCode.UNKNOWN_COMMUNITY, "Community " + r.homeCommunityId()
                        + " is not this repository's", r.homeCommunityId());
            }
            if (r.repositoryUniqueId() == null || !strip(r.repositoryUniqueId()).equals(strip(here.repositoryUniqueId()))) {
                throw new XdsRefusal(XdsErrorCode.UNKNOWN_REPOSITORY_ID, "Repository " + r.repositoryUniqueId()
                        + " is not this one (" + here.repositoryUniqueId() + ")", r.repositoryUniqueId());
            }
            if (r.documentUniqueId() == null || r.documentUniqueId().isBlank()) {
                throw new XdsRefusal(XdsErrorCode.DOCUMENT_UNIQUE_ID_ERROR, "A DocumentRequest names no document");
            }
            uniqueIds.add(r.documentUniqueId().strip());
        }
        Set<String> present = documents.present(uniqueIds);
        for (String uniqueId : uniqueIds) {
            if (!present.contains(uniqueId)) {
                throw new XdsRefusal(XdsErrorCode.DOCUMENT_UNIQUE_ID_ERROR, "Document " + uniqueId
                        + " is not stored in this repository", uniqueId);
            }
        }
        int removed = documents.remove(uniqueIds);
        if (removed != uniqueIds.size()) {
            // Another removal took one meanwhile: the transaction was undone, nothing is removed.
            throw new XdsRefusal(XdsErrorCode.DOCUMENT_UNIQUE_ID_ERROR, "A document was removed concurrently;"
                    + " nothing was removed");
        }
        LOG.info(() -> "event=iti86 organisation=" + here.id() + " documents=" + removed + " outcome=success");
        return removed;
    }

    /**
     * ITI-62 forwarded: the registry removes the objects (its rules decide, and it lets the organisation
     * remove only its own), then the adapter forgets the pointers it published under those ids. The removal
     * is kept before the registry is asked, so a crash or a lost answer in between is finished later
     * ({@link #finishRemovals}) rather than the pointer taken for one the registry lost.
     */
    public void removeMetadata(Caller caller, List<String> entryUuids) {
        requireOwnSystem(caller);
        if (entryUuids.isEmpty()) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "The removal names no object");
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(entryUuids));
        published.removing(ids, PublishedPointers.Removal.POINTER);
        removeAtRegistry(ids, ids);
        published.forget(ids);
        LOG.info(() -> "event=iti62-forward organisation=" + organisation.get().id() + " objects=" + ids.size()
                + " outcome=success");
    }

    /**
     * ITI-62 of these objects; a refusal (nothing removed there) clears the kept removal of {@code pointers}, no
     * answer leaves it to be finished later.
     */
    private void removeAtRegistry(List<String> objects, List<String> pointers) {
        try {
            registry.removeMetadata(objects);
        } catch (XdsRefusal | AccessDenied refused) {
            published.removalRefused(pointers);
            throw refused;
        }
    }

    /**
     * ITI-57 Update Document Set from the organisation's own system, for status updates of its own pointers
     * (deprecating one that is no longer true, approving it again): forwarded to the registry under the
     * adapter's credentials, all or none, then the adapter's record follows. New versions are made by providing
     * them (ITI-41), so a request carrying documents, folders or other associations is refused, as is one about
     * an object this organisation did not publish here (the registry refuses another's objects too).
     */
    public int updateStatus(Caller caller, Submission update) {
        requireOwnSystem(caller);
        if (!update.documents().isEmpty() || !update.folders().isEmpty()) {
            throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, "This sharing service forwards status"
                    + " updates only; a new version of a document is provided by ITI-41");
        }
        List<Association> changes = update.associations().stream()
                .filter(a -> a.type() != AssociationType.HAS_MEMBER).toList();
        if (changes.isEmpty()) {
            throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, "The update names no status change");
        }
        for (Association a : changes) {
            if (a.type() != AssociationType.UPDATE_AVAILABILITY_STATUS || a.newStatus() == null) {
                throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, "This sharing service forwards"
                        + " status updates (UpdateAvailabilityStatus) only", a.entryUuid());
            }
            if (published.byEntryUuid(a.targetUuid()).isEmpty()) {
                throw new XdsRefusal(XdsErrorCode.UNRESOLVED_REFERENCE, "Object " + a.targetUuid()
                        + " is not a pointer this organisation published", a.targetUuid());
            }
        }
        registry.updateStatus(update);
        for (Association a : changes) {
            if (a.newStatus() == AvailabilityStatus.DEPRECATED) {
                published.deprecated(a.targetUuid());
            } else if (a.newStatus() == AvailabilityStatus.APPROVED) {
                published.approved(a.targetUuid());
            }
        }
        LOG.info(() -> "event=iti57-forward organisation=" + organisation.get().id() + " updates=" + changes.size()
                + " outcome=success");
        return changes.size();
    }

    /** What removing one document took away: its pointers at the registry (entryUUIDs) and whether its content went. */
    public record DocumentRemoved(String documentUniqueId, List<String> removedAtRegistry, boolean contentRemoved) {
        public DocumentRemoved {
            removedAtRegistry = List.copyOf(removedAtRegistry);
        }
    }

    /**
     * Removes one of the organisation's documents for good, by its uniqueId: its DocumentEntry and the
     * submission set's membership of it at the registry (ITI-62; the submission set too where it holds
     * nothing else), then the adapter's record of the pointer, then the stored content (ITI-86). Empty
     * when the organisation has published no such document. The removal is kept before the registry is
     * asked; each step is durable before the next, and one that fails (or a crash) is finished by asking
     * again or by {@link #finishRemovals}, which recognise what the registry no longer holds.
     */
    public Optional<DocumentRemoved> removeDocument(Caller caller, String documentUniqueId) {
        requireOwnSystem(caller);
        Optional<PublishedPointers.Published> pointer = published.byDocument(documentUniqueId);
        boolean stored = !documents.present(List.of(documentUniqueId)).isEmpty();
        if (pointer.isEmpty() && !stored) {
            return Optional.empty();
        }
        if (pointer.isPresent()) {
            published.removing(List.of(pointer.get().entryUuid()), PublishedPointers.Removal.DOCUMENT);
        }
        DocumentRemoved removed = finishRemoval(pointer.orElse(null), documentUniqueId, stored);
        LOG.info(() -> "event=remove-document organisation=" + organisation.get().id() + " uniqueId=" + documentUniqueId
                + " registryObjects=" + removed.removedAtRegistry().size() + " content=" + removed.contentRemoved()
                + " outcome=success");
        return Optional.of(removed);
    }

    /** The steps of a document's removal after it was kept: registry, record, content, each durable before the next. */
    private DocumentRemoved finishRemoval(PublishedPointers.Published pointer, String documentUniqueId,
                                          boolean content) {
        List<String> atRegistry = new ArrayList<>();
        if (pointer != null) {
            atRegistry.addAll(registryObjectsOf(pointer, documentUniqueId));
            if (!atRegistry.isEmpty()) {
                removeAtRegistry(atRegistry, List.of(pointer.entryUuid()));
            }
            published.forget(List.of(pointer.entryUuid()));
        }
        boolean contentRemoved = content && documents.remove(List.of(documentUniqueId)) == 1;
        return new DocumentRemoved(documentUniqueId, atRegistry, contentRemoved);
    }

    /**
     * Finishes the removals the organisation asked for whose end is not known (the adapter stopped between the
     * registry's removal and forgetting the pointer, or the registry's answer was lost): what the registry still
     * holds of each pointer is removed, what it no longer holds is recognised as removed, then the pointer is
     * forgotten and, for a whole document, its content removed. Run by the adapter's recovery for requests its
     * organisation's own systems made (checked then), only for those asked before {@code keptBefore} so that a
     * request still removing is not overtaken; one that fails stays for the next pass. How many finished.
     */
    public int finishRemovals(java.time.Instant keptBefore) {
        int finished = 0;
        for (PublishedPointers.Unfinished removal : published.unfinishedRemovals(keptBefore)) {
            try {
                boolean content = removal.removal() == PublishedPointers.Removal.DOCUMENT
                        && !documents.present(List.of(removal.documentUniqueId())).isEmpty();
                DocumentRemoved removed = finishRemoval(removal.pointer(), removal.documentUniqueId(), content);
                finished++;
                LOG.info(() -> "event=remove-finish organisation=" + organisation.get().id() + " entryUuid="
                        + removal.pointer().entryUuid() + " registryObjects=" + removed.removedAtRegistry().size()
                        + " content=" + removed.contentRemoved() + " outcome=success");
            } catch (RuntimeException e) {
                LOG.warning(() -> "event=remove-finish entryUuid=" + removal.pointer().entryUuid()
                        + " outcome=unfinished reason=\"" + e.getMessage() + "\"");
            }
        }
        return finished;
    }

    /** The document's entry and membership in the submission set the registry holds, and the set if that is all it holds. */
    private List<String> registryObjectsOf(PublishedPointers.Published pointer, String documentUniqueId) {
        if (pointer.submissionSetUniqueId() == null) {
            // Published without a known submission set: the entry alone, the registry tells what else refers to it.
            return List.of(pointer.entryUuid());
        }
        Optional<HeldSubmissionSet> held = registry.held(pointer.submissionSetUniqueId());
        if (held.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (HeldSubmissionSet.HeldDocument d : held.get().documents()) {
            if (d.uniqueId().equals(documentUniqueId) && d.entryUuid().equals(pointer.entryUuid())) {
                ids.add(d.entryUuid());
                if (d.membership() != null) {
                    ids.add(d.membership());
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        if (held.get().documents().size() == 1) {
            ids.add(held.get().entryUuid());
        }
        return ids;
    }

    /**
     * The metadata of one of the organisation's published documents, by its uniqueId, for its own systems: what
     * they need to name the pointer in ITI-57 and ITI-62 (its entryUUID, patient, status); empty when none is
     * published here.
     */
    public Optional<DocumentPointer> ownDocument(Caller caller, String documentUniqueId) {
        requireOwnSystem(caller);
        return published.metadata(documentUniqueId);
    }

    private static String strip(String oid) {
        return oid == null ? "" : oid.startsWith("urn:oid:") ? oid.substring(8) : oid;
    }
}
