package no.dhoindex.registry.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dhoindex.registry.application.UpdateDocumentSet.Operations;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.domain.RegistrationPlan;
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
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.model.Text;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The version rules of ITI-57 / ITI-92 at the registry, over an in-memory store. */
class UpdateDocumentSetTest {

    static final String AUTHORITY = "1.3.6.1.4.1.21367.13.20.1000";
    static final PatientId PATIENT = PatientId.of(AUTHORITY, "P1");
    static final PatientId OTHER_PATIENT = PatientId.of(AUTHORITY, "P2");
    static final String HOSPITAL_ARC = "2.16.578.1.12.4.1.7.1.2";
    static final String REPOSITORY = HOSPITAL_ARC + ".1";
    static final Registrant HOSPITAL = new Registrant("974589095", "ehr", Set.of(HOSPITAL_ARC), true);
    static final Registrant MUNICIPALITY = new Registrant("964338531", "fhir", Set.of("2.16.578.1.12.4.1.7.1.3"), true);
    static final String V1 = "urn:uuid:00000000-0000-0000-0000-000000000001";
    static final String OTHERS = "urn:uuid:00000000-0000-0000-0000-000000000002";

    private final InMemoryPointerStore store = new InMemoryPointerStore();
    private final UpdateDocumentSet updates = new UpdateDocumentSet(store, new PatientPolicy(new EveryoneKnown(), null));

    @BeforeEach
    void firstVersions() {
        seed("urn:uuid:00000000-0000-0000-0000-0000000000a1", document(V1, "1.2.3.1", V1, "1", PATIENT, REPOSITORY));
        seed("urn:uuid:00000000-0000-0000-0000-0000000000a2",
                document(OTHERS, "1.2.3.2", OTHERS, "1", OTHER_PATIENT, REPOSITORY));
    }

    @Test
    void aNewVersionIsTheNextVersionAndDeprecatesTheLatest() {
        Submission stored = updates.update(newVersion(V1, "1", "1.2.3.1"), HOSPITAL, Operations.FULL);

        DocumentPointer v2 = stored.documents().get(0);
        assertEquals("2", v2.id().version());
        assertEquals(V1, v2.id().logicalUuid());
        assertEquals(AvailabilityStatus.APPROVED, v2.status());
        assertEquals(AvailabilityStatus.DEPRECATED, store.documents.get(V1).status());
        assertEquals(List.of(v2.entryUuid()), store.latestDocumentsAcrossPatientsByLogicalId(List.of(V1)).stream()
                .map(DocumentPointer::entryUuid).toList());
    }

    @Test
    void aRestrictedUpdateMakesTheSameNewVersion() {
        Submission stored = updates.update(newVersion(V1, "1", "1.2.3.1"), HOSPITAL, Operations.RESTRICTED);

        assertEquals("2", stored.documents().get(0).id().version());
        assertEquals(AvailabilityStatus.DEPRECATED, store.documents.get(V1).status());
    }

    @Test
    void aPreviousVersionThatIsNotTheLatestIsRefused() {
        updates.update(newVersion(V1, "1", "1.2.3.1"), HOSPITAL, Operations.FULL);

        refused(XdsErrorCode.METADATA_VERSION_ERROR, () -> updates.update(newVersion(V1, "1", "1.2.3.1"), HOSPITAL,
                Operations.RESTRICTED));
    }

    @Test
    void anUnknownLogicalIdIsRefused() {
        refused(XdsErrorCode.METADATA_VERSION_ERROR, () -> updates.update(
                newVersion("urn:uuid:00000000-0000-0000-0000-00000000ffff", "1", "1.2.3.1"), HOSPITAL,
                Operations.FULL));
    }

    @Test
    void aFirstVersionIsNotAnUpdate() {
        Submission first = newVersion("Document01", "1", "1.2.3.9");
        refused(XdsErrorCode.METADATA_UPDATE_ERROR, () -> updates.update(first, HOSPITAL, Operations.FULL));
    }

    @Test
    void anotherOrganisationsEntryIsRefused() {
        Submission submission = newVersion(V1, "1", "1.2.3.1", MUNICIPALITY_REPOSITORY, PATIENT,
                "2.16.578.1.12.4.1.7.1.3");
        assertThrows(NotOwnPointers.class, () -> updates.update(submission, MUNICIPALITY, Operations.RESTRICTED));
        assertNothingStored();
    }

    static final String MUNICIPALITY_REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";

    @Test
    void anotherPatientsEntryIsRefused() {
        refused(XdsErrorCode.PATIENT_ID_RECONCILIATION_ERROR, () -> updates.update(newVersion(OTHERS, "1", "1.2.3.2"),
                HOSPITAL, Operations.RESTRICTED));
    }

    @Test
    void aRestrictedUpdateKeepsTheUniqueId() {
        refused(XdsErrorCode.METADATA_IDENTIFIER_ERROR, () -> updates.update(newVersion(V1, "1", "1.2.3.99"),
                HOSPITAL, Operations.RESTRICTED));
    }

    @Test
    void aRestrictedUpdateKeepsTheRepository() {
        refused(XdsErrorCode.UNMODIFIABLE_METADATA_ERROR, () -> updates.update(newVersion(V1, "1", "1.2.3.1",
                HOSPITAL_ARC + ".7", PATIENT, HOSPITAL_ARC), HOSPITAL, Operations.RESTRICTED));
    }

    @Test
    void twoNewVersionsOfOneEntryAreRefused() {
        Submission one = newVersion(V1, "1", "1.2.3.1");
        DocumentPointer again = document("Document02", "1.2.3.1", V1, null, PATIENT, REPOSITORY);
        Submission two = new Submission(one.submissionSet(), List.of(one.documents().get(0), again), List.of(),
                List.of(one.associations().get(0), member("Assoc02", "Document02", "1")));
        XdsRefusal refusal = refused(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_MESSAGE,
                () -> updates.update(two, HOSPITAL, Operations.RESTRICTED));
        assertEquals(List.of(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR), refusal.alongside());
    }

    @Test
    void aStatusUpdateDeprecatesTheLatestAndApprovesItAgain() {
        updates.update(statusUpdate(V1, AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED), HOSPITAL,
                Operations.FULL);
        assertEquals(AvailabilityStatus.DEPRECATED, store.documents.get(V1).status());

        updates.update(statusUpdate(V1, AvailabilityStatus.DEPRECATED, AvailabilityStatus.APPROVED), HOSPITAL,
                Operations.FULL);
        assertEquals(AvailabilityStatus.APPROVED, store.documents.get(V1).status());
    }

    @Test
    void aStatusUpdateOfAnOlderVersionIsRefused() {
        updates.update(newVersion(V1, "1", "1.2.3.1"), HOSPITAL, Operations.FULL);
        refused(XdsErrorCode.METADATA_VERSION_ERROR, () -> updates.update(
                statusUpdate(V1, AvailabilityStatus.DEPRECATED, AvailabilityStatus.APPROVED), HOSPITAL,
                Operations.FULL));
    }

    @Test
    void aStatusUpdateExpectingAnotherStatusIsRefused() {
        refused(XdsErrorCode.METADATA_UPDATE_ERROR, () -> updates.update(
                statusUpdate(V1, AvailabilityStatus.DEPRECATED, AvailabilityStatus.APPROVED), HOSPITAL,
                Operations.FULL));
    }

    @Test
    void aRestrictedUpdateDoesNotChangeStatus() {
        refused(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, () -> updates.update(
                statusUpdate(V1, AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED), HOSPITAL,
                Operations.RESTRICTED));
    }

    @Test
    void anotherOrganisationCannotDeprecateTheEntry() {
        Submission deprecate = statusUpdate(V1, AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED);
        SubmissionSet set = deprecate.submissionSet();
        Submission theirs = new Submission(new SubmissionSet(set.id(), null, PATIENT, "2.16.578.1.12.4.1.7.1.3",
                set.submissionTime(), null, List.of(), List.of(), null, null, Map.of()), List.of(), List.of(),
                deprecate.associations());
        assertThrows(NotOwnPointers.class, () -> updates.update(theirs, MUNICIPALITY, Operations.FULL));
        assertEquals(AvailabilityStatus.APPROVED, store.documents.get(V1).status());
    }

    @Test
    void anUnconnectedEntryMovesToAnotherPatientByAFullUpdateOnly() {
        Submission stored = updates.update(newVersion(OTHERS, "1", "1.2.3.2"), HOSPITAL, Operations.FULL);

        assertEquals(PATIENT, stored.documents().get(0).patientId());
        assertEquals(AvailabilityStatus.DEPRECATED, store.documents.get(OTHERS).status());
    }

    @Test
    void aConnectedEntryKeepsItsPatient() {
        store.associations.put("urn:uuid:link", new Association("urn:uuid:link", AssociationType.APPEND,
                "urn:uuid:some-addendum", OTHERS, AvailabilityStatus.APPROVED, null, null, Map.of(), null));
        refused(XdsErrorCode.PATIENT_ID_RECONCILIATION_ERROR, () -> updates.update(newVersion(OTHERS, "1", "1.2.3.2"),
                HOSPITAL, Operations.FULL));
    }

    @Test
    void aSubmittedAssociationLinksTheLatestApprovedEntries() {
        String second = "urn:uuid:00000000-0000-0000-0000-000000000003";
        seed("urn:uuid:00000000-0000-0000-0000-0000000000a3", document(second, "1.2.3.3", second, "1", PATIENT,
                REPOSITORY));
        updates.update(submitAssociation(second, V1), HOSPITAL, Operations.FULL);
        assertTrue(store.associations.values().stream().anyMatch(a -> a.type() == AssociationType.APPEND));

        updates.update(statusUpdate(V1, AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED), HOSPITAL,
                Operations.FULL);
        refused(XdsErrorCode.DEPRECATED_DOCUMENT, () -> updates.update(submitAssociation(second, V1), HOSPITAL,
                Operations.FULL));
        refused(XdsErrorCode.METADATA_UPDATE_OPERATION_ERROR, () -> updates.update(submitAssociation(second, V1),
                HOSPITAL, Operations.RESTRICTED));
    }

    // ---- fixtures ------------------------------------------------------------------------

    private static Submission submitAssociation(String source, String target) {
        return new Submission(set("SubmissionSet01", PATIENT, HOSPITAL_ARC), List.of(), List.of(), List.of(
                new Association("Assoc01", AssociationType.SUBMIT_ASSOCIATION, "SubmissionSet01", "Assoc02", null,
                        null, null, Map.of(), null),
                new Association("Assoc02", AssociationType.APPEND, source, target, null, null, null, Map.of(), null)));
    }

    private XdsRefusal refused(XdsErrorCode code, Runnable update) {
        String before = snapshot();
        XdsRefusal refusal = assertThrows(XdsRefusal.class, update::run);
        assertEquals(code, refusal.errorCode(), refusal.getMessage());
        assertEquals(before, snapshot(), "a refused update stored something");
        return refusal;
    }

    private void assertNothingStored() {
        assertEquals(2, store.sets.size());
        assertTrue(store.superseded.isEmpty(), "a refused update superseded a version");
    }

    private String snapshot() {
        return store.sets.keySet() + " " + store.documents.values().stream().map(d -> d.entryUuid() + "="
                + d.status()).toList() + " " + store.associations.keySet() + " " + store.superseded;
    }

    private void seed(String setUuid, DocumentPointer document) {
        SubmissionSet set = set(setUuid, document.patientId(), HOSPITAL_ARC);
        store.apply(new RegistrationPlan(set, List.of(document), List.of(), List.of(new Association(
                setUuid + "-m", AssociationType.HAS_MEMBER, setUuid, document.entryUuid(), AvailabilityStatus.APPROVED,
                "Original", null, Map.of(), null)), List.of(), Map.of()));
    }

    private static Submission newVersion(String lid, String previousVersion, String uniqueId) {
        return newVersion(lid, previousVersion, uniqueId, REPOSITORY, PATIENT, HOSPITAL_ARC);
    }

    private static Submission newVersion(String lid, String previousVersion, String uniqueId, String repository,
                                         PatientId patient, String sourceId) {
        DocumentPointer version = document("Document01", uniqueId, lid, null, patient, repository);
        return new Submission(set("SubmissionSet01", patient, sourceId), List.of(version), List.of(),
                List.of(member("Assoc01", "Document01", previousVersion)));
    }

    private static Submission statusUpdate(String target, AvailabilityStatus from, AvailabilityStatus to) {
        Map<String, List<String>> slots = new HashMap<>();
        slots.put(Association.ORIGINAL_STATUS, List.of(from.name()));
        slots.put(Association.NEW_STATUS, List.of(to.name()));
        return new Submission(set("SubmissionSet01", PATIENT, HOSPITAL_ARC), List.of(), List.of(), List.of(
                new Association("Assoc01", AssociationType.UPDATE_AVAILABILITY_STATUS, "SubmissionSet01", target,
                        null, null, null, slots, null)));
    }

    private static Association member(String id, String target, String previousVersion) {
        return new Association(id, AssociationType.HAS_MEMBER, "SubmissionSet01", target, null, "Original", null,
                Map.of(Association.PREVIOUS_VERSION, List.of(previousVersion)), null);
    }

    private static SubmissionSet set(String uuid, PatientId patient, String sourceId) {
        return new SubmissionSet(new RegistryObjectId(uuid, "1.2.9." + Math.abs(uuid.hashCode()) + "."
                + System.nanoTime(), null, null, null), null, patient, sourceId, "20260101120000", null, List.of(),
                List.of(), null, null, Map.of());
    }

    private static DocumentPointer document(String uuid, String uniqueId, String lid, String version,
                                            PatientId patient, String repository) {
        Code code = new Code("c", "s", null);
        return new DocumentPointer(new RegistryObjectId(uuid, uniqueId, lid, version, null),
                AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, patient,
                new DocumentCodes(code, code, code, code, code, List.of(), List.of()),
                new Provenance(List.of(), null, "20260101", null, null,
                        new no.dhoindex.shared.xds.model.Identifier("p", no.dhoindex.shared.xds.model.AssigningAuthority.iso("1.2"), null), null),
                new DocumentLocation(repository, "text/plain", "en", "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0L,
                        null, null), new Text("note", null, null), null, List.of(), Map.of());
    }
}
