package no.dhoindex.adapters.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.OnDemandPointers;
import no.dhoindex.adapters.fhir.PatientData;
import no.dhoindex.adapters.organisation.Organisation;
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
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import org.junit.jupiter.api.Test;

/** The organisation's own lifecycle requests over fake ports: one sample repository, one change per test. */
class OwnLifecycleTest {

    static final String HOME = "urn:oid:2.16.578.1.12.4.1.7.1.2";
    static final String REPOSITORY = "2.16.578.1.12.4.1.7.1.2.1";
    static final Organisation SYKEHUS = new Organisation("sykehus", "Sykehuset", "974589095",
            Organisation.Kind.REPOSITORY, HOME, REPOSITORY, "2.16.578.1.12.4.1.7.1.2");
    static final Caller EHR = Caller.organisationSystem("sykehus-ehr", "974589095");

    private final Documents documents = new Documents(Set.of("2.25.1", "2.25.2"));
    private final Registry registry = new Registry();
    private final Ledger ledger = new Ledger();
    private final OwnLifecycle lifecycle = new OwnLifecycle(() -> SYKEHUS, documents, registry, ledger);

    private static Request request(String repository, String uniqueId) {
        return new Request(HOME, repository, uniqueId);
    }

    /** An ITI-57 of status updates: each target from one status to another. */
    private static Submission statusUpdate(String target, AvailabilityStatus from, AvailabilityStatus to) {
        SubmissionSet set = new SubmissionSet(new RegistryObjectId("SubmissionSet01", "1.2.9.57", null, null, null),
                null, PatientId.nationalId("15077510041"), "2.16.578.1.12.4.1.7.1.2", "20261202100000", null,
                List.of(), List.of(), null, null, Map.of());
        return new Submission(set, List.of(), List.of(), List.of(new Association("Assoc01",
                AssociationType.UPDATE_AVAILABILITY_STATUS, "SubmissionSet01", target, null, null, null,
                Map.of(Association.ORIGINAL_STATUS, List.of(from.name()), Association.NEW_STATUS, List.of(to.name())),
                null)));
    }

    @Test
    void aStatusUpdateOfItsOwnPointerIsForwardedAndRecorded() {
        ledger.published.put("2.25.1", new PublishedPointers.Published("urn:uuid:de1", "1.2.9.1", "APPROVED"));
        assertEquals(1, lifecycle.updateStatus(EHR, statusUpdate("urn:uuid:de1", AvailabilityStatus.APPROVED,
                AvailabilityStatus.DEPRECATED)));
        assertEquals(1, registry.updates.size());
        assertEquals(Set.of("urn:uuid:de1"), ledger.deprecated);
        lifecycle.updateStatus(EHR, statusUpdate("urn:uuid:de1", AvailabilityStatus.DEPRECATED, AvailabilityStatus.APPROVED));
        assertEquals(Set.of("urn:uuid:de1"), ledger.approved);
    }

    @Test
    void aStatusUpdateOfAnObjectNotPublishedHereIsNotForwarded() {
        XdsRefusal refusal = assertThrows(XdsRefusal.class, () -> lifecycle.updateStatus(EHR,
                statusUpdate("urn:uuid:someone-elses", AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED)));
        assertEquals(XdsErrorCode.UNRESOLVED_REFERENCE, refusal.errorCode());
        assertEquals(List.of(), registry.updates);
    }

    @Test
    void anUpdateOtherThanAStatusChangeIsNotForwarded() {
        ledger.published.put("2.25.1", new PublishedPointers.Published("urn:uuid:de1", "1.2.9.1", "APPROVED"));
        Submission update = statusUpdate("urn:uuid:de1", AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED);
        Association member = new Association("Assoc02", AssociationType.REPLACE, "urn:uuid:new", "urn:uuid:de1", null,
                null, null, Map.of(), null);
        Submission replacing = new Submission(update.submissionSet(), List.of(), List.of(),
                List.of(update.associations().get(0), member));
        XdsRefusal refusal = assertThrows(XdsRefusal.class, () -> lifecycle.updateStatus(EHR, replacing));
        assertEquals(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, refusal.errorCode());
        assertEquals(List.of(), registry.updates);
        assertEquals(Set.of(), ledger.deprecated);
    }

    @Test
    void aRefusedStatusUpdateLeavesTheRecordAsItWas() {
        ledger.published.put("2.25.1", new PublishedPointers.Published("urn:uuid:de1", "1.2.9.1", "APPROVED"));
        registry.refusal = new XdsRefusal(XdsErrorCode.METADATA_UPDATE_ERROR, "not the latest version");
        assertThrows(XdsRefusal.class, () -> lifecycle.updateStatus(EHR, statusUpdate("urn:uuid:de1",
                AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED)));
        assertEquals(Set.of(), ledger.deprecated);
    }

    @Test
    void aUsersCallMayNotUpdateStatuses() {
        ledger.published.put("2.25.1", new PublishedPointers.Published("urn:uuid:de1", "1.2.9.1", "APPROVED"));
        assertThrows(AccessDenied.class, () -> lifecycle.updateStatus(Caller.citizen(PatientId.nationalId("15077510041")),
                statusUpdate("urn:uuid:de1", AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED)));
        assertEquals(List.of(), registry.updates);
    }

    @Test
    void removesStoredDocuments() {
        assertEquals(2, lifecycle.removeDocuments(EHR, List.of(request(REPOSITORY, "2.25.1"),
                request(REPOSITORY, "2.25.2"))));
        assertEquals(Set.of(), documents.stored);
    }

    @Test
    void anUnknownDocumentRemovesNothing() {
        XdsRefusal refusal = assertThrows(XdsRefusal.class, () -> lifecycle.removeDocuments(EHR,
                List.of(request(REPOSITORY, "2.25.1"), request(REPOSITORY, "2.25.9"))));
        assertEquals(XdsErrorCode.DOCUMENT_UNIQUE_ID_ERROR, refusal.errorCode());
        assertEquals(Set.of("2.25.1", "2.25.2"), documents.stored);
    }

    @Test
    void anotherRepositorysDocumentIsAnUnknownRepository() {
        XdsRefusal refusal = assertThrows(XdsRefusal.class, () -> lifecycle.removeDocuments(EHR,
                List.of(request("2.16.578.1.12.4.1.7.1.3.1", "2.25.1"))));
        assertEquals(XdsErrorCode.UNKNOWN_REPOSITORY_ID, refusal.errorCode());
        assertEquals(Set.of("2.25.1", "2.25.2"), documents.stored);
    }

    @Test
    void anotherCommunityIsAnUnknownCommunity() {
        XdsRefusal refusal = assertThrows(XdsRefusal.class, () -> lifecycle.removeDocuments(EHR,
                List.of(new Request("urn:oid:2.16.578.1.12.4.1.7.1.3", REPOSITORY, "2.25.1"))));
        assertEquals(XdsErrorCode.UNKNOWN_COMMUNITY, refusal.errorCode());
    }

    @Test
    void aUsersCallMayNotRemove() {
        Caller user = Caller.citizen(PatientId.nationalId("15077510041"));
        assertThrows(AccessDenied.class, () -> lifecycle.removeDocuments(user, List.of(request(REPOSITORY, "2.25.1"))));
        assertThrows(AccessDenied.class, () -> lifecycle.removeMetadata(user, List.of("urn:uuid:de1")));
        assertThrows(AccessDenied.class, () -> lifecycle.removeDocument(user, "2.25.1"));
        assertEquals(Set.of("2.25.1", "2.25.2"), documents.stored);
        assertEquals(List.of(), registry.removed);
    }

    @Test
    void forwardsARemovalAndForgetsThePointers() {
        lifecycle.removeMetadata(EHR, List.of("urn:uuid:de1", "urn:uuid:hm1", "urn:uuid:ss1"));
        assertEquals(List.of(List.of("urn:uuid:de1", "urn:uuid:hm1", "urn:uuid:ss1")), registry.removed);
        assertEquals(Set.of("urn:uuid:de1", "urn:uuid:hm1", "urn:uuid:ss1"), ledger.forgotten);
    }

    @Test
    void aRefusedRemovalForgetsNothing() {
        registry.refusal = new XdsRefusal(XdsErrorCode.REFERENCES_EXIST, "still referenced");
        assertThrows(XdsRefusal.class, () -> lifecycle.removeMetadata(EHR, List.of("urn:uuid:ss1")));
        assertEquals(Set.of(), ledger.forgotten);
    }

    @Test
    void removesAWholeDocumentItsPointerAndItsSubmissionSetThatHeldOnlyIt() {
        ledger.published.put("2.25.1", new PublishedPointers.Published("urn:uuid:de1", "2.25.100", "APPROVED"));
        registry.held.put("2.25.100", new HeldSubmissionSet("2.25.100", "urn:uuid:ss1", "p", "APPROVED",
                List.of(new HeldSubmissionSet.HeldDocument("2.25.1", "urn:uuid:de1", "h", 1L, "APPROVED",
                        "urn:uuid:hm1"))));

        OwnLifecycle.DocumentRemoved removed = lifecycle.removeDocument(EHR, "2.25.1").orElseThrow();

        assertEquals(List.of("urn:uuid:de1", "urn:uuid:hm1", "urn:uuid:ss1"), removed.removedAtRegistry());
        assertTrue(removed.contentRemoved());
        assertEquals(Set.of("2.25.2"), documents.stored);
        assertEquals(Set.of("urn:uuid:de1"), ledger.forgotten);
    }

    @Test
    void aRemovalCutShortAfterTheRegistryRemovedIsFinishedNotPublishedAgain() {
        publishedAlone("2.25.1", "urn:uuid:de1");
        ledger.crashesOnForget = 1;

        assertThrows(IllegalStateException.class, () -> lifecycle.removeDocument(EHR, "2.25.1"));
        assertEquals(Map.of("urn:uuid:de1", PublishedPointers.Removal.DOCUMENT), ledger.removing,
                "the removal kept: the pointer is not taken for one the registry lost");
        assertEquals(Set.of("2.25.1", "2.25.2"), documents.stored);

        // After the restart: the recovery finds the registry holds none of it, forgets it, removes the content.
        OwnLifecycle restarted = new OwnLifecycle(() -> SYKEHUS, documents, registry, ledger);
        assertEquals(1, restarted.finishRemovals(java.time.Instant.MAX));
        assertEquals(1, registry.removed.size(), "the registry asked once, not asked again for what it removed");
        assertEquals(Set.of("urn:uuid:de1"), ledger.forgotten);
        assertEquals(Map.of(), ledger.removing);
        assertEquals(Set.of("2.25.2"), documents.stored);
        assertEquals(0, restarted.finishRemovals(java.time.Instant.MAX));
    }

    @Test
    void aRemovalTheRegistryDidNotAnswerIsAskedAgainByTheRecovery() {
        publishedAlone("2.25.1", "urn:uuid:de1");
        registry.unreachable = new IllegalStateException("no answer");

        assertThrows(IllegalStateException.class, () -> lifecycle.removeDocument(EHR, "2.25.1"));
        assertEquals(Set.of(), ledger.forgotten);
        assertEquals(Set.of("2.25.1", "2.25.2"), documents.stored);

        registry.unreachable = null;
        assertEquals(1, lifecycle.finishRemovals(java.time.Instant.MAX));
        assertEquals(List.of(List.of("urn:uuid:de1", "urn:uuid:hm1", "urn:uuid:ss1")), registry.removed);
        assertEquals(Set.of("urn:uuid:de1"), ledger.forgotten);
        assertEquals(Set.of("2.25.2"), documents.stored);
    }

    @Test
    void aRemovalTheRegistryRefusedIsNotKept() {
        publishedAlone("2.25.1", "urn:uuid:de1");
        registry.refusal = new XdsRefusal(XdsErrorCode.REFERENCES_EXIST, "still referenced");

        assertThrows(XdsRefusal.class, () -> lifecycle.removeDocument(EHR, "2.25.1"));
        assertEquals(Map.of(), ledger.removing);
        assertEquals(0, lifecycle.finishRemovals(java.time.Instant.MAX));
        assertEquals(Set.of("2.25.1", "2.25.2"), documents.stored);
    }

    @Test
    void aForwardedRemovalCutShortIsFinishedWithoutTheDocumentsContent() {
        publishedAlone("2.25.1", "urn:uuid:de1");
        ledger.crashesOnForget = 1;

        assertThrows(IllegalStateException.class, () -> lifecycle.removeMetadata(EHR,
                List.of("urn:uuid:de1", "urn:uuid:hm1", "urn:uuid:ss1")));
        assertEquals(Map.of("urn:uuid:de1", PublishedPointers.Removal.POINTER), ledger.removing);

        assertEquals(1, lifecycle.finishRemovals(java.time.Instant.MAX));
        assertEquals(Set.of("urn:uuid:de1"), ledger.forgotten);
        assertEquals(Set.of("2.25.1", "2.25.2"), documents.stored, "ITI-62 removes metadata only");
    }

    /** A document published here in a submission set of its own, as the registry holds it. */
    private void publishedAlone(String uniqueId, String entryUuid) {
        ledger.published.put(uniqueId, new PublishedPointers.Published(entryUuid, "2.25.100", "APPROVED"));
        registry.held.put("2.25.100", new HeldSubmissionSet("2.25.100", "urn:uuid:ss1", "p", "APPROVED",
                List.of(new HeldSubmissionSet.HeldDocument(uniqueId, entryUuid, "h", 1L, "APPROVED",
                        "urn:uuid:hm1"))));
    }

    @Test
    void aDocumentOfASetWithOthersLeavesTheSet() {
        ledger.published.put("2.25.1", new PublishedPointers.Published("urn:uuid:de1", "2.25.100", "APPROVED"));
        registry.held.put("2.25.100", new HeldSubmissionSet("2.25.100", "urn:uuid:ss1", "p", "APPROVED", List.of(
                new HeldSubmissionSet.HeldDocument("2.25.1", "urn:uuid:de1", "h", 1L, "APPROVED", "urn:uuid:hm1"),
                new HeldSubmissionSet.HeldDocument("2.25.2", "urn:uuid:de2", "h", 1L, "APPROVED", "urn:uuid:hm2"))));

        assertEquals(List.of("urn:uuid:de1", "urn:uuid:hm1"),
                lifecycle.removeDocument(EHR, "2.25.1").orElseThrow().removedAtRegistry());
    }

    @Test
    void aDocumentNotPublishedHereIsNotFound() {
        assertEquals(Optional.empty(), lifecycle.removeDocument(EHR, "2.25.77"));
        assertEquals(Optional.empty(), lifecycle.ownDocument(EHR, "2.25.77"));
    }

    @Test
    void aDocumentsMetadataIsForTheOrganisationsOwnSystemsOnly() {
        DocumentPointer pointer = new OnDemandPointers(SYKEHUS, null, null).pointer(new PatientData("15077510041",
                DataKind.MEASUREMENTS, "20261101080000", "20261114080000", List.of("8867-4"), 14));
        ledger.metadata.put(pointer.uniqueId(), pointer);
        assertEquals(Optional.of(pointer), lifecycle.ownDocument(EHR, pointer.uniqueId()));
        assertThrows(AccessDenied.class, () -> lifecycle.ownDocument(
                Caller.citizen(PatientId.nationalId("15077510041")), pointer.uniqueId()));
    }

    static final class Documents implements StoredDocuments {
        final Set<String> stored;

        Documents(Set<String> stored) {
            this.stored = new HashSet<>(stored);
        }

        @Override
        public Set<String> present(Collection<String> uniqueIds) {
            Set<String> present = new HashSet<>(uniqueIds);
            present.retainAll(stored);
            return present;
        }

        @Override
        public int remove(Collection<String> uniqueIds) {
            if (!stored.containsAll(uniqueIds)) {
                return 0;
            }
            stored.removeAll(uniqueIds);
            return uniqueIds.size();
        }
    }

    static final class Registry implements RegistryLifecycle {
        final List<List<String>> removed = new ArrayList<>();
        final List<String> deprecated = new ArrayList<>();
        final Map<String, HeldSubmissionSet> held = new HashMap<>();
        XdsRefusal refusal;
        RuntimeException unreachable;

        @Override
        public void removeMetadata(List<String> entryUuids) {
            if (refusal != null) {
                throw refusal;
            }
            if (unreachable != null) {
                throw unreachable;
            }
            removed.add(List.copyOf(entryUuids));
            // What it held goes: the documents removed, a set removed with them.
            held.replaceAll((id, set) -> new HeldSubmissionSet(set.uniqueId(), set.entryUuid(), set.patient(),
                    set.status(), set.documents().stream().filter(d -> !entryUuids.contains(d.entryUuid())).toList()));
            held.values().removeIf(set -> entryUuids.contains(set.entryUuid()));
        }

        @Override
        public Optional<HeldSubmissionSet> held(String submissionSetUniqueId) {
            return Optional.ofNullable(held.get(submissionSetUniqueId));
        }

        @Override
        public boolean deprecate(String entryUuid) {
            deprecated.add(entryUuid);
            return true;
        }

        final List<Submission> updates = new ArrayList<>();

        @Override
        public void updateStatus(Submission statusUpdates) {
            if (refusal != null) {
                throw refusal;
            }
            updates.add(statusUpdates);
        }
    }

    static final class Ledger implements PublishedPointers {
        final Map<String, Published> published = new HashMap<>();
        final Map<String, DocumentPointer> metadata = new HashMap<>();
        final Set<String> forgotten = new HashSet<>();
        final Set<String> deprecated = new HashSet<>();
        /** Removals kept, by entryUUID (durable: they outlive an OwnLifecycle). */
        final Map<String, Removal> removing = new HashMap<>();
        /** Forgetting fails this many times more (the adapter stopping just before it). */
        int crashesOnForget;

        @Override
        public Optional<Published> byDocument(String documentUniqueId) {
            return Optional.ofNullable(published.get(documentUniqueId));
        }

        @Override
        public void forget(Collection<String> entryUuids) {
            if (crashesOnForget > 0) {
                crashesOnForget--;
                throw new IllegalStateException("the adapter stopped");
            }
            forgotten.addAll(entryUuids);
            removing.keySet().removeAll(entryUuids);
            published.values().removeIf(p -> entryUuids.contains(p.entryUuid()));
        }

        @Override
        public void removing(Collection<String> entryUuids, Removal removal) {
            published.values().stream().filter(p -> entryUuids.contains(p.entryUuid()))
                    .forEach(p -> removing.put(p.entryUuid(), removal));
        }

        @Override
        public void removalRefused(Collection<String> entryUuids) {
            removing.keySet().removeAll(entryUuids);
        }

        @Override
        public List<Unfinished> unfinishedRemovals(java.time.Instant keptBefore) {
            List<Unfinished> unfinished = new ArrayList<>();
            published.forEach((uniqueId, p) -> {
                if (removing.containsKey(p.entryUuid())) {
                    unfinished.add(new Unfinished(p, uniqueId, removing.get(p.entryUuid())));
                }
            });
            return unfinished;
        }

        @Override
        public void deprecated(String entryUuid) {
            deprecated.add(entryUuid);
        }

        final Set<String> approved = new HashSet<>();

        @Override
        public Optional<Published> byEntryUuid(String entryUuid) {
            return published.values().stream().filter(p -> p.entryUuid().equals(entryUuid)).findFirst();
        }

        @Override
        public Optional<DocumentPointer> metadata(String documentUniqueId) {
            return Optional.ofNullable(metadata.get(documentUniqueId));
        }

        @Override
        public void approved(String entryUuid) {
            approved.add(entryUuid);
        }
    }
}
