package no.dhoindex.registry.infrastructure.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.xml.bind.JAXBElement;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.xds.model.Address;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.PersonName;
import no.dhoindex.shared.xds.model.SourcePatient;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ExtrinsicObjectType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ValueListType;

/**
 * sourcePatientInfo from ebRIM to ebRIM through the registry's stored form: an ITI-42 DocumentEntry whose slot holds
 * the PID fields the NIST kit's registry samples send (PID-3, 5, 7, 8, 11) and fields the registry does not take
 * apart, read into parts once, stored (form 3), read back and written as ebRIM again: the same patient, the
 * unrecognised fields as they came.
 */
class SourcePatientRoundTripTest {

    /** Fields answered as they were sent: PID-7, 8 and 11 as the NIST kit's samples have them, and fields nobody parses. */
    private static final List<String> AS_SENT = List.of(
            "PID-7|19560527",
            "PID-8|M",
            "PID-11|100 Main St^^Metropolis^Il^44130^USA",
            "PID-13|^PRN^PH^^47^55^5551234",
            "PID-15|nb~en",
            "PID-18|ACC-1^^^&1.2.3&ISO");

    /** As the NIST kit's samples send them (testdata-registry, e.g. 12346 and MPQ), plus fields nobody parses. */
    private static final List<String> SENT = concat(List.of(
            "PID-3|pid1^^^&1.2.3.4.5.6&ISO",
            "PID-3|IHERED-1021^^^&1.3.6.1.4.1.21367.13.20.1000&ISO",
            "PID-5|Doe^John^^^",
            "PID-5|Computed-Radiography^Single^a^^^"), AS_SENT);

    private static final SourcePatient PARTS = new SourcePatient(
            List.of(new Identifier("pid1", AssigningAuthority.iso("1.2.3.4.5.6"), null),
                    new Identifier("IHERED-1021", AssigningAuthority.iso("1.3.6.1.4.1.21367.13.20.1000"), null)),
            List.of(PersonName.of("Doe", "John"),
                    new PersonName("Computed-Radiography", "Single", "a", null, null, null)),
            "19560527", "M",
            List.of(new Address("100 Main St", null, "Metropolis", "Il", "44130", "USA", null)),
            Map.of("PID-13", List.of("^PRN^PH^^47^55^5551234"), "PID-15", List.of("nb", "en"),
                    "PID-18", List.of("ACC-1^^^&1.2.3&ISO")));

    /** As IPF renders them: one value per field, repetitions joined by ~, trailing empty components left out. */
    private static final List<String> ANSWERED = concat(List.of(
            "PID-3|pid1^^^&1.2.3.4.5.6&ISO~IHERED-1021^^^&1.3.6.1.4.1.21367.13.20.1000&ISO",
            "PID-5|Doe^John~Computed-Radiography^Single^a"), AS_SENT);

    @Test
    void ebRimToPartsToStoredFormAndBack() {
        SubmitObjectsRequest request = XdsMessages.writeSubmission(new Submission(StoredFormSamples.SET_1,
                List.of(StoredFormSamples.DISCHARGE), List.of(), List.of(StoredFormSamples.SET_HAS_DISCHARGE)));
        sourcePatientInfo(request).getValue().clear();
        sourcePatientInfo(request).getValue().addAll(SENT);

        DocumentPointer registered = XdsMessages.readSubmission(request, XDS.Interactions.ITI_42).documents().get(0);
        assertEquals(PARTS, registered.provenance().sourcePatient(), "parsed once, into parts");

        byte[] stored = StoredForm.write(registered);
        assertEquals(StoredForm.VERSION, stored[0]);
        DocumentPointer read = StoredForm.document(stored);
        assertEquals(registered, read);

        SubmitObjectsRequest answered = XdsMessages.writeSubmission(new Submission(StoredFormSamples.SET_1,
                List.of(read), List.of(), List.of(StoredFormSamples.SET_HAS_DISCHARGE)));
        assertEquals(ANSWERED, sourcePatientInfo(answered).getValue());
        // And what was answered reads as the same patient again.
        assertEquals(PARTS, XdsMessages.readSubmission(answered, XDS.Interactions.ITI_42).documents().get(0)
                .provenance().sourcePatient());
    }

    /** Rows of stored forms 1 and 2 kept the PID-n strings: read, they are the same parts. */
    @Test
    void theStringsOfEarlierFormsReadAsTheSameParts() {
        assertEquals(PARTS, LegacyHl7v2.sourcePatient(SENT));
        assertEquals(PARTS, LegacyHl7v2.sourcePatient(ANSWERED));
        assertEquals(null, LegacyHl7v2.sourcePatient(List.of()));
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(then);
        return List.copyOf(all);
    }

    private static ValueListType sourcePatientInfo(SubmitObjectsRequest request) {
        for (JAXBElement<?> e : request.getRegistryObjectList().getIdentifiable()) {
            if (e.getValue() instanceof ExtrinsicObjectType document) {
                for (SlotType1 slot : document.getSlot()) {
                    if (slot.getName().equals("sourcePatientInfo")) {
                        return slot.getValueList();
                    }
                }
            }
        }
        throw new AssertionError("no sourcePatientInfo slot in " + request);
    }
}
