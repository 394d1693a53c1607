package no.dhoindex.adapters.mhd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Submission;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The FHIR edge of ITI-65: what a Provide Document Bundle becomes, and what it may not be. */
class DocumentBundleTest {

    private static final String FNR = "15077510041";
    private static final byte[] CONTENT = "<epikrise>Utskrevet.</epikrise>".getBytes(StandardCharsets.UTF_8);

    private static Bundle sample() {
        return MhdSamples.provide(FNR, MhdSamples.SYKEHUS_SOURCE, "2.25.1001", "2.25.1002", CONTENT);
    }

    private static DocumentReference document(Bundle b) {
        return (DocumentReference) b.getEntry().get(1).getResource();
    }

    private static ListResource list(Bundle b) {
        return (ListResource) b.getEntry().get(0).getResource();
    }

    @Test
    void aProvideDocumentBundleIsTheSubmissionAnItI41WouldCarry() {
        DocumentBundle.Provided provided = DocumentBundle.read(sample());
        Submission s = provided.submission();
        PatientId patient = PatientId.nationalId(FNR);
        assertEquals("2.25.1002", s.submissionSet().uniqueId());
        assertEquals(MhdSamples.SYKEHUS_SOURCE, s.submissionSet().sourceId());
        assertEquals(patient, s.submissionSet().patientId());
        assertEquals("A00-1", s.submissionSet().contentTypeCode().code());
        assertEquals("2.16.578.1.12.4.1.1.9602", s.submissionSet().contentTypeCode().scheme());
        DocumentPointer d = s.documents().get(0);
        assertEquals("2.25.1001", d.uniqueId());
        assertEquals(patient, d.patientId());
        assertEquals("A00-1", d.codes().classCode().code());
        assertEquals("A01-1", d.codes().typeCode().code());
        assertEquals("N", d.codes().confidentialityCodes().get(0).code());
        assertEquals("http://loinc.org", d.codes().eventCodes().get(0).scheme());
        assertEquals(HexFormat.of().formatHex(MhdSamples.sha1(CONTENT)), d.location().hash());
        assertEquals((long) CONTENT.length, d.location().size());
        assertEquals("text/xml", d.location().mimeType());
        assertEquals("20261101120000", d.provenance().creationTime());
        assertEquals("20261101080000", d.provenance().serviceStartTime());
        assertEquals("20261101100000", d.provenance().serviceStopTime());
        assertEquals(FNR + "^^^&2.16.578.1.12.4.1.4.1&ISO", d.provenance().sourcePatientId().toCx());
        assertEquals("F", d.provenance().sourcePatient().sex(), d.provenance()::toString);
        assertEquals("^Lege^Anne", d.provenance().authors().get(0).person().toXcn());
        assertEquals(List.of("Demo sykehus HF^^^^^&2.16.578.1.12.4.1.4.101&ISO^^^^974589095"),
                d.provenance().authors().get(0).institutions().stream().map(Institution::toXon).toList());
        assertEquals(1, s.associations().size());
        assertEquals(AssociationType.HAS_MEMBER, s.associations().get(0).type());
        assertEquals(s.submissionSet().entryUuid(), s.associations().get(0).sourceUuid());
        assertEquals(d.entryUuid(), s.associations().get(0).targetUuid());
        assertArrayEquals(CONTENT, provided.contents().get(d.entryUuid()));
        assertEquals(List.of("List", "DocumentReference", "Binary"),
                provided.entries().stream().map(DocumentBundle.Entry::type).toList());
    }

    @Test
    void itPassesTheValidationAnItI41Passes() {
        Submission validated = ProvideDocumentBundleResource.validated(DocumentBundle.read(sample()).submission());
        assertEquals("2.25.1001", validated.documents().get(0).uniqueId());
    }

    @Test
    void theDemosBundleIsAValidProvideDocumentBundle() throws Exception {
        Bundle demo = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                java.nio.file.Files.readString(no.dhoindex.testsupport.DemoConfiguration.demoDirectory()
                        .resolve("provide-bundle.json")));
        DocumentBundle.Provided provided = DocumentBundle.read(demo);
        ProvideDocumentBundleResource.validated(provided.submission());
        DocumentPointer d = provided.submission().documents().get(0);
        assertEquals(HexFormat.of().formatHex(MhdSamples.sha1(provided.contents().get(d.entryUuid()))), d.location().hash(),
                "the demo's hash is its content's");
    }

    @Test
    void metadataXdsRequiresIsRefusedAsTheRepositorysMetadataError() {
        Bundle b = sample();
        document(b).setType(null);
        XdsRefusal refusal = assertThrows(XdsRefusal.class,
                () -> ProvideDocumentBundleResource.validated(DocumentBundle.read(b).submission()));
        assertEquals(XdsErrorCode.REPOSITORY_METADATA_ERROR, refusal.errorCode(), refusal::getMessage);
    }

    @Test
    void onlyATransactionIsTaken() {
        Bundle b = sample().setType(Bundle.BundleType.BATCH);
        assertTrue(assertThrows(DocumentBundle.Invalid.class, () -> DocumentBundle.read(b)).getMessage()
                .contains("transaction"));
    }

    @Test
    void aBundleWithoutItsSubmissionSetIsRefused() {
        Bundle b = sample();
        b.getEntry().remove(0);
        assertEquals("required", assertThrows(DocumentBundle.Invalid.class, () -> DocumentBundle.read(b)).issueCode());
    }

    @Test
    void aDocumentWhoseBinaryIsNotInTheBundleIsRefused() {
        Bundle b = sample();
        b.getEntry().remove(2);
        assertTrue(assertThrows(DocumentBundle.Invalid.class, () -> DocumentBundle.read(b)).getMessage()
                .contains("names no Binary"));
    }

    @Test
    void aDocumentAboutAnotherPatientThanTheSubmissionSetIsRefused() {
        Bundle b = sample();
        document(b).setSubject(new Reference().setIdentifier(new Identifier().setSystem(MhdSamples.NATIONAL_ID)
                .setValue("23059110047")));
        assertTrue(assertThrows(DocumentBundle.Invalid.class, () -> DocumentBundle.read(b)).getMessage()
                .contains("subject"));
    }

    @Test
    void aPatientByUrlIsRefusedAsThereIsNoPatientServerToResolveIt() {
        Bundle b = sample();
        list(b).setSubject(new Reference("http://example.org/fhir/Patient/1"));
        assertThrows(DocumentBundle.Invalid.class, () -> DocumentBundle.read(b));
    }

    @Test
    void aDocumentTheListDoesNotNameIsRefused() {
        Bundle b = sample();
        list(b).getEntry().clear();
        assertThrows(DocumentBundle.Invalid.class, () -> DocumentBundle.read(b));
    }

    @Test
    void foldersAndReplacementsAreRefusedAsNotSupportedNeverDropped() {
        Bundle folder = sample();
        list(folder).setCode(new CodeableConcept(new Coding(DocumentBundle.LIST_TYPES, "folder", null)));
        assertEquals("not-supported", assertThrows(DocumentBundle.Invalid.class, () -> DocumentBundle.read(folder))
                .issueCode());
        Bundle replacement = sample();
        document(replacement).addRelatesTo().setCode(DocumentReference.DocumentRelationshipType.REPLACES)
                .setTarget(new Reference("DocumentReference/x"));
        assertEquals("not-supported", assertThrows(DocumentBundle.Invalid.class,
                () -> DocumentBundle.read(replacement)).issueCode());
    }

    @Test
    void aNameWithAnHl7DelimiterIsKeptAsGivenAndEscapedOnTheWire() {
        Bundle b = sample();
        ((org.hl7.fhir.r4.model.Organization) document(b).getContained().get(1)).setName("A^B & C");
        Institution institution = DocumentBundle.read(b).submission().documents().get(0).provenance().authors().get(0)
                .institutions().get(0);
        assertEquals("A^B & C", institution.name());
        assertTrue(institution.toXon().startsWith("A\\S\\B \\T\\ C^"), institution::toXon);
    }
}
