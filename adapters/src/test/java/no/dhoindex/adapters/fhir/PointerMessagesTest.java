package no.dhoindex.adapters.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.wire.RemovalMessages;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLRemoveMetadataRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLSubmitObjectsRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ObjectReference;

/** The ITI-92 and ITI-62 requests the adapter sends for its pointers' versions, as the ebXML edge writes them. */
class PointerMessagesTest {

    private static final OnDemandPointers POINTERS = new OnDemandPointers(new Organisation("kommune", "Demo kommune",
            "921234567", Organisation.Kind.FHIR, "urn:oid:2.16.578.1.12.4.1.7.1.3", "2.16.578.1.12.4.1.7.1.3.1",
            "2.16.578.1.12.4.1.7.1.3"), new Code("264362003", "2.16.840.1.113883.6.96", "Home"),
            new Code("394802001", "2.16.840.1.113883.6.96", "General medicine"));

    private static PatientData until(String last) {
        return new PatientData("15077510041", DataKind.MEASUREMENTS, "20261101080000", last, List.of("8867-4"), 14);
    }

    @Test
    void aNewVersionNamesItsLogicalEntryAndThePreviousVersionNotItsOwn() {
        DocumentPointer first = POINTERS.pointer(until("20261114080000"));
        DocumentPointer third = POINTERS.nextVersion(POINTERS.nextVersion(first, until("20261115080000")),
                until("20261116080000"));

        var request = new EbXMLSubmitObjectsRequest30(XdsMessages.writeRestrictedUpdate(POINTERS.submission(third)));

        var entry = request.getExtrinsicObjects().get(0);
        assertEquals(third.entryUuid(), entry.getId());
        assertEquals(first.entryUuid(), entry.getLid(), "the logicalID of the entry it is a version of");
        assertEquals(first.uniqueId(), entry.getExternalIdentifierValue(
                "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"), "the same uniqueId");
        assertNull(entry.getVersionInfo(), "the registry assigns the version");
        var membership = request.getAssociations().get(0);
        assertEquals("2", membership.getSingleSlotValue("PreviousVersion"));
        assertEquals(third.entryUuid(), membership.getTarget());
    }

    @Test
    void aRemovalNamesEveryVersionItsMembershipAndItsSubmissionSet() {
        DocumentPointer first = POINTERS.pointer(until("20261114080000"));
        DocumentPointer second = POINTERS.nextVersion(first, until("20261115080000"));

        var request = new EbXMLRemoveMetadataRequest30(RemovalMessages.writeRemoval(
                OnDemandPointers.removal(List.of(first, second))));

        assertEquals(List.of(first.entryUuid(), OnDemandPointers.membershipOf(first.entryUuid()),
                OnDemandPointers.submissionSetOf(first.entryUuid()), second.entryUuid(),
                OnDemandPointers.membershipOf(second.entryUuid()), OnDemandPointers.submissionSetOf(second.entryUuid())),
                request.getReferences().stream().map(ObjectReference::getId).toList());
    }
}
