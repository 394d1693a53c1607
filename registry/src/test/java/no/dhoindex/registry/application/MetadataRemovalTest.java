package no.dhoindex.registry.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.domain.RemovableMetadata;
import no.dhoindex.registry.domain.StoredObject;
import no.dhoindex.registry.domain.StoredObject.Kind;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ITI-62's rules (ITI TF-2b 3.62.4.1.3) over an in-memory registry: one sample, one change per test. */
class MetadataRemovalTest {

    static final String PATIENT = "01818010083^^^&2.16.578.1.12.4.1.4.1&ISO";
    static final String OTHER_PATIENT = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";
    static final String SYKEHUS = "2.16.578.1.12.4.1.7.1.2";
    static final Registrant HOSPITAL = new Registrant("974589095", "ehr", Set.of(SYKEHUS), true);
    static final Registrant MUNICIPALITY = new Registrant("920000000", "fhir", Set.of("2.16.578.1.12.4.1.7.1.3"), true);

    private final Memory store = new Memory();
    private final MetadataRemoval removal = new MetadataRemoval(store);

    /** The sample: one submission set with one document (ss1, de1, hm1), as ITI-42 registers it. */
    @BeforeEach
    void oneSubmission() {
        submission("1", PATIENT, AvailabilityStatus.APPROVED);
    }

    @Test
    void removesAWholeSubmission() {
        MetadataRemoval.Removed removed = removal.remove(List.of("ss1", "hm1", "de1"), HOSPITAL);

        assertEquals(PATIENT, removed.patientCx());
        assertEquals(Map.of(Kind.SUBMISSION_SET, 1, Kind.DOCUMENT_ENTRY, 1, Kind.ASSOCIATION, 1), removed.counts());
        assertEquals(Set.of(), store.objects.keySet());
        assertEquals(List.of(), store.links);
    }

    @Test
    void anUnknownObjectIsAnUnresolvedReferenceAndNothingGoes() {
        assertRefused(XdsErrorCode.UNRESOLVED_REFERENCE, List.of("ss1", "hm1", "de1", "nowhere"), HOSPITAL);
    }

    @Test
    void aSubmissionSetWhoseMembershipStaysIsStillReferenced() {
        assertRefused(XdsErrorCode.REFERENCES_EXIST, List.of("ss1"), HOSPITAL);
    }

    @Test
    void aSubmissionSetLeftWithoutMembersIsUnreferenced() {
        assertRefused(XdsErrorCode.UNREFERENCED_OBJECT, List.of("de1", "hm1"), HOSPITAL);
    }

    @Test
    void anotherOrganisationsSubmissionIsRefusedAndNothingGoes() {
        int before = store.objects.size();
        assertThrows(NotOwnPointers.class, () -> removal.remove(List.of("ss1", "hm1", "de1"), MUNICIPALITY));
        assertEquals(before, store.objects.size());
    }

    @Test
    void anOrganisationWithoutArcsOwnsNothing() {
        Registrant nobody = new Registrant("999999999", "x", Set.of(), true);
        assertThrows(NotOwnPointers.class, () -> removal.remove(List.of("ss1", "hm1", "de1"), nobody));
    }

    @Test
    void objectsOfTwoPatientsAreRefused() {
        submission("2", OTHER_PATIENT, AvailabilityStatus.APPROVED);
        assertRefused(XdsErrorCode.PATIENT_ID_DOES_NOT_MATCH, List.of("ss1", "hm1", "de1", "ss2", "hm2", "de2"),
                HOSPITAL);
    }

    @Test
    void anAddendumsRelationshipAloneIsRefusedWhileBothDocumentsStayApproved() {
        submission("2", PATIENT, AvailabilityStatus.APPROVED);
        store.link("apnd", AssociationType.APPEND, "de2", "de1", PATIENT);
        assertRefused(XdsErrorCode.METADATA_MODEL, List.of("apnd"), HOSPITAL);
    }

    @Test
    void aDeprecatedAddendumsRelationshipMayGoAlone() {
        submission("2", PATIENT, AvailabilityStatus.DEPRECATED);
        store.link("apnd", AssociationType.APPEND, "de2", "de1", PATIENT);
        removal.remove(List.of("apnd"), HOSPITAL);
        assertEquals(false, store.objects.containsKey("apnd"));
    }

    @Test
    void anOriginalGoesWithTheRelationshipThatTargetsIt() {
        submission("2", PATIENT, AvailabilityStatus.APPROVED);
        store.link("rplc", AssociationType.REPLACE, "de2", "de1", PATIENT);
        assertRefused(XdsErrorCode.REFERENCES_EXIST, List.of("ss1", "hm1", "de1"), HOSPITAL);

        removal.remove(List.of("ss1", "hm1", "de1", "rplc"), HOSPITAL);
        assertEquals(Set.of("ss2", "hm2", "de2"), store.objects.keySet());
    }

    @Test
    void aFolderMembershipMayGoWhileTheSubmissionSetHoldsFolderAndDocument() {
        store.object("f1", Kind.FOLDER, PATIENT, AvailabilityStatus.APPROVED, null);
        store.link("ssf", AssociationType.HAS_MEMBER, "ss1", "f1", PATIENT);
        store.link("fde", AssociationType.HAS_MEMBER, "f1", "de1", PATIENT);
        store.link("ssfde", AssociationType.HAS_MEMBER, "ss1", "fde", PATIENT);

        assertRefused(XdsErrorCode.REFERENCES_EXIST, List.of("fde"), HOSPITAL);
        removal.remove(List.of("fde", "ssfde"), HOSPITAL);

        assertEquals(Set.of("ss1", "hm1", "de1", "f1", "ssf"), store.objects.keySet());
    }

    @Test
    void anotherOrganisationsFolderIsRefused() {
        submission("2", PATIENT, AvailabilityStatus.APPROVED, "2.16.578.1.12.4.1.7.1.3");
        store.object("f1", Kind.FOLDER, PATIENT, AvailabilityStatus.APPROVED, null);
        store.link("ssf", AssociationType.HAS_MEMBER, "ss2", "f1", PATIENT);
        assertThrows(NotOwnPointers.class, () -> removal.remove(List.of("f1", "ssf"), HOSPITAL));
    }

    private void assertRefused(XdsErrorCode code, List<String> uuids, Registrant registrant) {
        Set<String> before = Set.copyOf(store.objects.keySet());
        XdsRefusal refusal = assertThrows(XdsRefusal.class, () -> removal.remove(uuids, registrant));
        assertEquals(code, refusal.errorCode(), refusal.getMessage());
        assertEquals(before, store.objects.keySet());
    }

    private void submission(String n, String patient, AvailabilityStatus documentStatus) {
        submission(n, patient, documentStatus, SYKEHUS);
    }

    private void submission(String n, String patient, AvailabilityStatus documentStatus, String source) {
        store.object("ss" + n, Kind.SUBMISSION_SET, patient, AvailabilityStatus.APPROVED, source + ".1");
        store.object("de" + n, Kind.DOCUMENT_ENTRY, patient, documentStatus, source + ".2");
        store.link("hm" + n, AssociationType.HAS_MEMBER, "ss" + n, "de" + n, patient);
    }

    /** The registry in memory: objects and the associations among them. */
    static final class Memory implements RemovableMetadata {
        final Map<String, StoredObject> objects = new LinkedHashMap<>();
        final List<Association> links = new ArrayList<>();

        void object(String uuid, Kind kind, String patient, AvailabilityStatus status, String owner) {
            objects.put(uuid, new StoredObject(uuid, kind, patient, status, owner));
        }

        void link(String uuid, AssociationType type, String source, String target, String patient) {
            object(uuid, Kind.ASSOCIATION, patient, AvailabilityStatus.APPROVED, null);
            links.add(new Association(uuid, type, source, target, AvailabilityStatus.APPROVED, null, null, Map.of(),
                    null));
        }

        @Override
        public List<StoredObject> objects(Collection<String> entryUuids) {
            return entryUuids.stream().distinct().filter(objects::containsKey).map(objects::get).toList();
        }

        @Override
        public List<Association> associations(Collection<String> entryUuids) {
            return links.stream().filter(a -> entryUuids.contains(a.entryUuid())).toList();
        }

        @Override
        public List<Association> associationsTouching(Collection<String> entryUuids) {
            return links.stream().filter(a -> entryUuids.contains(a.sourceUuid())
                    || entryUuids.contains(a.targetUuid())).toList();
        }

        @Override
        public void remove(Collection<StoredObject> removed) {
            removed.forEach(o -> objects.remove(o.entryUuid()));
            links.removeIf(a -> removed.stream().anyMatch(o -> o.entryUuid().equals(a.entryUuid())));
        }
    }
}
