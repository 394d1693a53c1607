package no.dhoindex.adapters.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Submission;
import org.junit.jupiter.api.Test;

/** What a patient's on-demand pointer must become, decided from the recorded pointer and the platform's data. */
class PointerChangeTest {

    private static final String KARI = "15077510041";
    private static final OnDemandPointers POINTERS = new OnDemandPointers(new Organisation("kommune", "Demo kommune",
            "921234567", Organisation.Kind.FHIR, "urn:oid:2.16.578.1.12.4.1.7.1.3", "2.16.578.1.12.4.1.7.1.3.1",
            "2.16.578.1.12.4.1.7.1.3"), new Code("264362003", "2.16.840.1.113883.6.96", "Home"),
            new Code("394802001", "2.16.840.1.113883.6.96", "General medicine"));

    private static PatientData data(String first, String last, List<String> codes, int count) {
        return new PatientData(KARI, DataKind.MEASUREMENTS, first, last, codes, count);
    }

    private static final PatientData TWO_WEEKS = data("20261101080000", "20261114080000", List.of("8867-4", "85354-9"), 28);
    private static final DocumentPointer CURRENT = POINTERS.pointer(TWO_WEEKS);

    @Test
    void noPointerAndNoDataIsLeftAlone() {
        assertInstanceOf(PointerChange.Keep.class, PointerChange.decide(Optional.empty(), data(null, null, List.of(), 0)));
    }

    @Test
    void dataWithoutAPointerIsPublished() {
        PointerChange change = PointerChange.decide(Optional.empty(), TWO_WEEKS);
        assertEquals(TWO_WEEKS, assertInstanceOf(PointerChange.Publish.class, change).data());
    }

    @Test
    void aPointerThatSaysWhatIsThereIsKept() {
        // Another value at the same times and codes: the pointer (period, codes) is still true.
        PatientData sameSummary = data("20261101080000", "20261114080000", List.of("85354-9", "8867-4"), 28);
        assertInstanceOf(PointerChange.Keep.class, PointerChange.decide(Optional.of(CURRENT), sameSummary));
    }

    @Test
    void aNewestDatumLaterOnTheSameDayIsANewVersion() {
        PatientData later = data("20261101080000", "20261114201500", TWO_WEEKS.codes(), 29);
        PointerChange change = PointerChange.decide(Optional.of(CURRENT), later);
        assertEquals(CURRENT, assertInstanceOf(PointerChange.Update.class, change).current());
    }

    @Test
    void anOldestDatumDeletedIsANewVersion() {
        PatientData shorter = data("20261102080000", "20261114080000", TWO_WEEKS.codes(), 27);
        assertInstanceOf(PointerChange.Update.class, PointerChange.decide(Optional.of(CURRENT), shorter));
    }

    @Test
    void aKindOfMeasurementGoneIsANewVersion() {
        PatientData fewerCodes = data("20261101080000", "20261114080000", List.of("8867-4"), 14);
        assertInstanceOf(PointerChange.Update.class, PointerChange.decide(Optional.of(CURRENT), fewerCodes));
    }

    @Test
    void noDataLeftRemovesThePointer() {
        PointerChange change = PointerChange.decide(Optional.of(CURRENT), data(null, null, List.of(), 0));
        assertEquals(CURRENT, assertInstanceOf(PointerChange.Remove.class, change).current());
    }

    @Test
    void aNextVersionKeepsTheLogicalIdAndUniqueIdAndCountsUp() {
        PatientData later = data("20261101080000", "20261115080000", TWO_WEEKS.codes(), 29);
        DocumentPointer second = POINTERS.nextVersion(CURRENT, later);
        DocumentPointer third = POINTERS.nextVersion(second, data("20261101080000", "20261116080000",
                TWO_WEEKS.codes(), 30));

        assertNull(CURRENT.id().logicalUuid(), "a first version is registered by ITI-61, without logicalID");
        assertEquals(1, OnDemandPointers.version(CURRENT));
        assertEquals(CURRENT.entryUuid(), second.id().logicalUuid());
        assertEquals(CURRENT.entryUuid(), third.id().logicalUuid());
        assertEquals(List.of("2", "3"), List.of(second.id().version(), third.id().version()));
        assertEquals(CURRENT.uniqueId(), third.uniqueId());
        assertNotEquals(CURRENT.entryUuid(), second.entryUuid());
        assertEquals("20261115080000", second.provenance().serviceStopTime());
    }

    @Test
    void aVersionsMembershipIsNamedAfterItSoThatARemovalCanNameIt() {
        DocumentPointer second = POINTERS.nextVersion(CURRENT, data("20261101080000", "20261115080000",
                TWO_WEEKS.codes(), 29));
        Submission submission = POINTERS.submission(second);
        var membership = submission.associations().get(0);

        assertEquals(AssociationType.HAS_MEMBER, membership.type());
        assertEquals(OnDemandPointers.membershipOf(second.entryUuid()), membership.entryUuid());
        assertEquals(OnDemandPointers.submissionSetOf(second.entryUuid()), membership.sourceUuid());
        assertEquals(List.of(CURRENT.entryUuid(), OnDemandPointers.membershipOf(CURRENT.entryUuid()),
                OnDemandPointers.submissionSetOf(CURRENT.entryUuid()), second.entryUuid(), membership.entryUuid(),
                membership.sourceUuid()), OnDemandPointers.removal(List.of(CURRENT, second)));
        assertTrue(submission.associations().stream().noneMatch(a -> a.type() == AssociationType.REPLACE),
                "a new version replaces nothing: the registry deprecates the previous one");
    }
}
