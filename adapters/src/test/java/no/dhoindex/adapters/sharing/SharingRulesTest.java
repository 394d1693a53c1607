package no.dhoindex.adapters.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.fhir.OnDemandPointers;
import no.dhoindex.adapters.fhir.PatientData;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import org.junit.jupiter.api.Test;

class SharingRulesTest {

    private static final PatientId KARI = PatientId.nationalId("15077510041");
    private static final PatientId OLA = PatientId.nationalId("23059110047");
    private static final Optional<Requester> UNIDENTIFIED = Optional.empty();
    private static final Optional<Requester> DOCTOR = Optional.of(new Requester("974589095", "9144889"));
    private static final Optional<Requester> OTHER_DOCTOR_SAME_HOSPITAL =
            Optional.of(new Requester("974589095", "1234567"));
    private static final Optional<Requester> OTHER_HOSPITAL = Optional.of(new Requester("983974899", "7654321"));

    private static final OnDemandPointers POINTERS = new OnDemandPointers(new Organisation("kommune", "Demo kommune",
            "921234567", Organisation.Kind.FHIR, "urn:oid:2.16.578.1.12.4.1.7.1.3", "2.16.578.1.12.4.1.7.1.3.1",
            "2.16.578.1.12.4.1.7.1.3"), new Code("264362003", "2.16.840.1.113883.6.96", "Home"),
            new Code("394802001", "2.16.840.1.113883.6.96", "General medicine"));

    private static DocumentPointer measurements(PatientId patient) {
        return POINTERS.pointer(new PatientData(patient.id(), DataKind.MEASUREMENTS, "20261101080000",
                "20261114080000", List.of("8867-4"), 14));
    }

    private static DocumentPointer coded(DocumentPointer p, Code confidentiality) {
        DocumentCodes c = p.codes();
        return new DocumentPointer(p.id(), p.status(), p.type(), p.patientId(), new DocumentCodes(c.classCode(),
                c.typeCode(), c.formatCode(), c.healthcareFacilityTypeCode(), c.practiceSettingCode(), c.eventCodes(),
                List.of(confidentiality)), p.provenance(), p.location(), p.title(), p.comments(), p.referenceIds(),
                p.extraMetadata());
    }

    private static PatientBlock block(PatientId patient, String recipient) {
        return new PatientBlock(patient, recipient == null ? null : BlockedRecipient.parse(recipient));
    }

    @Test
    void unblockedNormalDataMayLeave() {
        assertTrue(SharingRules.mayLeave(measurements(KARI), List.of(), UNIDENTIFIED));
        assertTrue(SharingRules.mayLeave(measurements(KARI), List.of(), DOCTOR));
    }

    @Test
    void norsNeverLeavesWhoeverAsks() {
        DocumentPointer blocked = coded(measurements(KARI), new Code("NORS", "2.16.578.1.12.4.1.1.9603", "Sperret"));
        assertFalse(SharingRules.mayLeave(blocked, List.of(), UNIDENTIFIED));
        assertFalse(SharingRules.mayLeave(blocked, List.of(), DOCTOR));
        DocumentPointer otherScheme = coded(measurements(KARI), new Code("NORS", "1.2.3", "Something else"));
        assertTrue(SharingRules.mayLeave(otherScheme, List.of(), UNIDENTIFIED), "NORS of another code system");
    }

    @Test
    void blockTowardsEveryoneWithholdsFromEveryone() {
        List<PatientBlock> blocks = List.of(block(KARI, null));
        assertFalse(SharingRules.mayLeave(measurements(KARI), blocks, UNIDENTIFIED));
        assertFalse(SharingRules.mayLeave(measurements(KARI), blocks, DOCTOR));
        assertFalse(SharingRules.mayLeave(measurements(KARI), blocks, OTHER_HOSPITAL));
    }

    @Test
    void blockTowardsOneRecipientWithholdsFromThatRecipientOnly() {
        List<PatientBlock> towardsDoctor = List.of(block(KARI, "hpr:9144889"));
        assertFalse(SharingRules.mayLeave(measurements(KARI), towardsDoctor, DOCTOR));
        assertTrue(SharingRules.mayLeave(measurements(KARI), towardsDoctor, OTHER_DOCTOR_SAME_HOSPITAL));
        assertTrue(SharingRules.mayLeave(measurements(KARI), towardsDoctor, OTHER_HOSPITAL));

        List<PatientBlock> towardsHospital = List.of(block(KARI, "orgnr:974589095"));
        assertFalse(SharingRules.mayLeave(measurements(KARI), towardsHospital, DOCTOR));
        assertFalse(SharingRules.mayLeave(measurements(KARI), towardsHospital, OTHER_DOCTOR_SAME_HOSPITAL));
        assertTrue(SharingRules.mayLeave(measurements(KARI), towardsHospital, OTHER_HOSPITAL));
    }

    @Test
    void withoutAKnownRequesterOnlyBlocksTowardsEveryoneApply() {
        List<PatientBlock> blocks = List.of(block(KARI, "hpr:9144889"), block(KARI, "orgnr:974589095"));
        assertTrue(SharingRules.mayLeave(measurements(KARI), blocks, UNIDENTIFIED));
    }

    @Test
    void anotherPatientsBlockDoesNotApply() {
        assertTrue(SharingRules.mayLeave(measurements(OLA), List.of(block(KARI, null)), UNIDENTIFIED));
    }

    @Test
    void aBlockOfTheSameDigitsUnderAnotherAuthorityIsAnotherPatients() {
        PatientBlock elsewhere = new PatientBlock(new PatientId(KARI.id(), "2.16.578.1.12.4.1.4.2"), null);
        assertTrue(SharingRules.mayLeave(measurements(KARI), List.of(elsewhere), UNIDENTIFIED));
    }

    @Test
    void theRequesterIsTheVerifiedHealthProfessionalOfTheCaller() {
        Caller doctor = Caller.healthPersonnel("05076600324", "Anne Lege", "9144889", "974589095", "LE", "TREAT", KARI);
        assertEquals(DOCTOR.map(r -> new Requester(r.orgnr(), r.hprNumber(), "TREAT")), Requester.of(doctor));
        List<PatientBlock> towardsDoctor = List.of(block(KARI, "hpr:9144889"));
        assertFalse(SharingRules.mayLeave(measurements(KARI), towardsDoctor, Requester.of(doctor)));
        // An organisation's own system is no health professional: only blocks towards everyone apply to it.
        Caller ownSystem = Caller.organisationSystem("kommune-ehr", "921234567");
        assertEquals(UNIDENTIFIED, Requester.of(ownSystem));
        assertFalse(SharingRules.mayLeave(measurements(KARI), List.of(block(KARI, null)), Requester.of(ownSystem)));
    }

    @Test
    void recipientsAreWrittenWithTheirKind() {
        assertEquals(new BlockedRecipient(BlockedRecipient.Kind.HEALTH_PERSONNEL, "9144889"),
                BlockedRecipient.parse("HPR:9144889"));
        assertEquals("orgnr:974589095", BlockedRecipient.parse("orgnr:974589095").toString());
        for (String bad : List.of("", "9144889", "hpr:", "hpr:12a", "orgnr:12345678", "email:lege@example.org")) {
            assertThrows(IllegalArgumentException.class, () -> BlockedRecipient.parse(bad), bad);
        }
    }
}
