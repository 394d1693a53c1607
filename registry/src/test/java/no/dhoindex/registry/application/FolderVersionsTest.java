package no.dhoindex.registry.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dhoindex.registry.application.UpdateDocumentSet.Operations;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.domain.RegistrationPlan;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Text;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.registry.StoredQueryEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * New versions of a Folder (ITI TF-2b 3.57.4.1.3.3.3) and how the stored queries answer them
 * (ITI TF-2a 3.18.4.1.2.3.5.1), over the in-memory store: NIST 20000d, 20000e and 21003 in small.
 */
class FolderVersionsTest {

    static final String AUTHORITY = "1.3.6.1.4.1.21367.13.20.1000";
    static final PatientId PATIENT = PatientId.of(AUTHORITY, "P1");
    static final PatientId OTHER_PATIENT = PatientId.of(AUTHORITY, "P2");
    static final String HOSPITAL_ARC = "2.16.578.1.12.4.1.7.1.2";
    static final Registrant HOSPITAL = new Registrant("974589095", "ehr", Set.of(HOSPITAL_ARC), true);
    static final String FOLDER = "urn:uuid:00000000-0000-0000-0000-0000000000f1";
    static final String FOLDER_UID = "1.2.3.100";
    static final String D1 = "urn:uuid:00000000-0000-0000-0000-0000000000d1";
    static final String D2 = "urn:uuid:00000000-0000-0000-0000-0000000000d2";
    static final Set<AvailabilityStatus> BOTH = Set.of(AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED);

    private final InMemoryPointerStore store = new InMemoryPointerStore();
    private final UpdateDocumentSet updates = new UpdateDocumentSet(store, new PatientPolicy(new EveryoneKnown(), null));
    private final StoredQueryEngine queries = new StoredQueryEngine(store, 100, null);

    @BeforeEach
    void aFolderWithTwoDocuments() {
        String set = "urn:uuid:00000000-0000-0000-0000-0000000000a1";
        List<Association> links = new ArrayList<>();
        links.add(hasMember(set + "-f", set, FOLDER));
        for (String d : List.of(D1, D2)) {
            links.add(hasMember(set + "-" + d, set, d));
            links.add(hasMember(FOLDER + "-" + d, FOLDER, d));
        }
        store.apply(new RegistrationPlan(set(set, PATIENT), List.of(document(D1, "1.2.3.1"), document(D2, "1.2.3.2")),
                List.of(folder(FOLDER, FOLDER_UID, FOLDER, "1", PATIENT)), links, List.of(), Map.of()));
    }

    @Test
    void aNewVersionTakesTheMembersAlongWithoutTheSubmissionSetNamingThem() {
        Submission stored = updates.update(newVersion(FOLDER, FOLDER_UID, PATIENT, true), HOSPITAL, Operations.FULL);

        String version = stored.folders().get(0).entryUuid();
        String setUuid = stored.submissionSet().entryUuid();
        assertEquals(List.of(version), stored.associations().stream().filter(a -> a.sourceUuid().equals(setUuid))
                .map(Association::targetUuid).toList(), "the update's submission set holds the new version only");
        assertEquals(Set.of(D1, D2), Set.copyOf(stored.associations().stream()
                .filter(a -> a.sourceUuid().equals(version)).map(Association::targetUuid).toList()));
    }

    @Test
    void everyVersionWithItsMembersAtMetadataLevel2() {
        String version = updates.update(newVersion(FOLDER, FOLDER_UID, PATIENT, true), HOSPITAL, Operations.FULL)
                .folders().get(0).entryUuid();

        QueryResult all = folderAndContents(new ObjectSelector(List.of(), List.of(FOLDER_UID)), true, BOTH);
        assertEquals(List.of(FOLDER, version), all.folders().stream().map(Folder::entryUuid).toList());
        assertEquals(List.of("1", "2"), all.folders().stream().map(f -> f.id().version()).toList());
        assertEquals(List.of(AvailabilityStatus.DEPRECATED, AvailabilityStatus.APPROVED),
                all.folders().stream().map(Folder::status).toList());
        assertEquals(2, all.documents().size());
        assertEquals(4, all.associations().size());

        QueryResult latest = folderAndContents(new ObjectSelector(List.of(), List.of(FOLDER_UID)), false, Set.of());
        assertEquals(List.of(version), latest.folders().stream().map(Folder::entryUuid).toList());
        assertEquals(2, latest.documents().size());

        QueryResult named = folderAndContents(ObjectSelector.byUuids(List.of(FOLDER)), false, Set.of());
        assertEquals(List.of(FOLDER), named.folders().stream().map(Folder::entryUuid).toList());
    }

    @Test
    void withoutPropagationTheMembersStayWithThePreviousVersion() {
        String version = updates.update(newVersion(FOLDER, FOLDER_UID, PATIENT, false), HOSPITAL, Operations.FULL)
                .folders().get(0).entryUuid();

        QueryResult latest = folderAndContents(new ObjectSelector(List.of(), List.of(FOLDER_UID)), false, Set.of());
        assertEquals(List.of(version), latest.folders().stream().map(Folder::entryUuid).toList());
        assertEquals(0, latest.documents().size());
        assertEquals(0, latest.associations().size());

        QueryResult all = folderAndContents(new ObjectSelector(List.of(), List.of(FOLDER_UID)), true, BOTH);
        assertEquals(2, all.folders().size());
        assertEquals(2, all.documents().size());
        assertEquals(2, all.associations().size());
        all.associations().forEach(a -> assertEquals(FOLDER, a.sourceUuid()));
    }

    @Test
    void aDeprecatedMembershipIsAnsweredOnlyWhenAskedFor() {
        String membership = FOLDER + "-" + D1;
        store.associations.computeIfPresent(membership, (k, a) -> a.withStatus(AvailabilityStatus.DEPRECATED));

        QueryResult approved = folderAndContents(ObjectSelector.byUuids(List.of(FOLDER)), false, Set.of());
        assertEquals(List.of(D2), approved.documents().stream().map(DocumentPointer::entryUuid).toList());
        QueryResult both = folderAndContents(ObjectSelector.byUuids(List.of(FOLDER)), false, BOTH);
        assertEquals(2, both.documents().size());
    }

    @Test
    void anEmptyFolderMovesToAnotherPatientAndKeepsItsLogicalId() {
        String empty = "urn:uuid:00000000-0000-0000-0000-0000000000f2";
        String set = "urn:uuid:00000000-0000-0000-0000-0000000000a2";
        store.apply(new RegistrationPlan(set(set, OTHER_PATIENT), List.of(),
                List.of(folder(empty, "1.2.3.200", empty, "1", OTHER_PATIENT)),
                List.of(hasMember(set + "-f", set, empty)), List.of(), Map.of()));

        Folder moved = updates.update(newVersion(empty, "1.2.3.200", PATIENT, true), HOSPITAL, Operations.FULL)
                .folders().get(0);

        assertEquals(PATIENT, moved.patientId());
        assertEquals("2", moved.id().version());
        assertEquals(AvailabilityStatus.DEPRECATED, store.folders.get(empty).status());
        QueryResult ours = queries.run(new StoredQuery.GetFolders(new ObjectSelector(List.of(), List.of(),
                List.of(empty))), true, PatientScope.of(PATIENT));
        assertEquals(List.of(moved.entryUuid()), ours.folders().stream().map(Folder::entryUuid).toList());
        QueryResult theirs = queries.run(new StoredQuery.GetFolders(new ObjectSelector(List.of(), List.of(),
                List.of(empty))), true, PatientScope.of(OTHER_PATIENT));
        assertEquals(List.of(empty), theirs.folders().stream().map(Folder::entryUuid).toList());
    }

    @Test
    void aFolderWithMembersKeepsItsPatient() {
        XdsRefusal refusal = assertThrows(XdsRefusal.class, () -> updates.update(
                newVersion(FOLDER, FOLDER_UID, OTHER_PATIENT, true), HOSPITAL, Operations.FULL));
        assertEquals(XdsErrorCode.PATIENT_ID_RECONCILIATION_ERROR, refusal.errorCode());
        assertEquals(AvailabilityStatus.APPROVED, store.folders.get(FOLDER).status());
    }

    @Test
    void aDeprecatedRelationIsAnsweredOnlyWhenAskedFor() {
        store.associations.put("urn:uuid:apnd", new Association("urn:uuid:apnd", AssociationType.APPEND, D2, D1,
                AvailabilityStatus.DEPRECATED, null, null, Map.of(), null));
        Set<AssociationType> append = Set.of(AssociationType.APPEND);
        Set<DocumentEntryType> stable = Set.of(DocumentEntryType.STABLE);

        QueryResult approved = queries.run(new StoredQuery.GetRelatedDocuments(ObjectSelector.byUuids(List.of(D1)),
                append, stable), PatientScope.of(PATIENT));
        assertEquals(0, approved.documents().size());
        QueryResult both = queries.run(new StoredQuery.GetRelatedDocuments(ObjectSelector.byUuids(List.of(D1)),
                append, stable, BOTH), PatientScope.of(PATIENT));
        assertEquals(2, both.documents().size());
        assertEquals(1, both.associations().size());
    }

    // ---- fixtures ------------------------------------------------------------------------

    private QueryResult folderAndContents(ObjectSelector selector, boolean allVersions,
                                          Set<AvailabilityStatus> associationStatuses) {
        DocumentFilter anyDocument = DocumentFilter.contents(Set.copyOf(BOTH), Set.of(DocumentEntryType.STABLE),
                no.dhoindex.shared.xds.query.CodeFilter.ANY, no.dhoindex.shared.xds.query.CodeFilter.ANY);
        return queries.run(new StoredQuery.GetFolderAndContents(selector, anyDocument, allVersions, associationStatuses),
                PatientScope.of(PATIENT));
    }

    private static Submission newVersion(String lid, String uniqueId, PatientId patient, boolean propagate) {
        Map<String, List<String>> slots = propagate ? Map.of(Association.PREVIOUS_VERSION, List.of("1"))
                : Map.of(Association.PREVIOUS_VERSION, List.of("1"), Association.ASSOCIATION_PROPAGATION, List.of("no"));
        return new Submission(set("SubmissionSet01", patient), List.of(),
                List.of(folder("Folder01", uniqueId, lid, null, patient)), List.of(new Association("Assoc01",
                AssociationType.HAS_MEMBER, "SubmissionSet01", "Folder01", null, "Original", null, slots, null)));
    }

    private static Association hasMember(String id, String source, String target) {
        return new Association(id, AssociationType.HAS_MEMBER, source, target, AvailabilityStatus.APPROVED,
                source.endsWith("a1") || source.endsWith("a2") ? "Original" : null, null, Map.of(), null);
    }

    private static SubmissionSet set(String uuid, PatientId patient) {
        return new SubmissionSet(new RegistryObjectId(uuid, "1.2.9." + Math.abs(uuid.hashCode()) + "."
                + System.nanoTime(), null, null, null), AvailabilityStatus.APPROVED, patient, HOSPITAL_ARC,
                "20260101120000", null, List.of(), List.of(), null, null, Map.of());
    }

    private static Folder folder(String uuid, String uniqueId, String lid, String version, PatientId patient) {
        return new Folder(new RegistryObjectId(uuid, uniqueId, lid, version, null), AvailabilityStatus.APPROVED, patient,
                List.of(new Code("c", "s", null)), "20260101120000", new Text("folder", null, null), null, Map.of());
    }

    private static DocumentPointer document(String uuid, String uniqueId) {
        Code code = new Code("c", "s", null);
        return new DocumentPointer(new RegistryObjectId(uuid, uniqueId, uuid, "1", null),
                AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, PATIENT,
                new DocumentCodes(code, code, code, code, code, List.of(), List.of()),
                new Provenance(List.of(), null, "20260101", null, null,
                        new no.dhoindex.shared.xds.model.Identifier("p", no.dhoindex.shared.xds.model.AssigningAuthority.iso("1.2"), null), null),
                new DocumentLocation(HOSPITAL_ARC + ".1", "text/plain", "en",
                        "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0L, null, null),
                new Text("note", null, null), null, List.of(), Map.of());
    }
}
