package no.dhoindex.registry.infrastructure.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.dhoindex.shared.xds.model.Address;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.PersonName;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.SourcePatient;
import org.junit.jupiter.api.Test;

/** The compact stored form: what it writes reads back equal, and bytes written as versions 1 to 3 stay readable. */
class StoredFormTest {

    @Test
    void everyKindReadsBackAsWritten() {
        for (var d : List.of(StoredFormSamples.DISCHARGE, StoredFormSamples.MEASUREMENTS, StoredFormSamples.CORRECTED,
                StoredFormSamples.MEASUREMENTS_V2)) {
            assertEquals(d, StoredForm.document(StoredForm.write(d)));
        }
        for (var s : List.of(StoredFormSamples.SET_1, StoredFormSamples.SET_2, StoredFormSamples.SET_3)) {
            assertEquals(s, StoredForm.submissionSet(StoredForm.write(s)));
        }
        assertEquals(StoredFormSamples.FOLDER, StoredForm.folder(StoredForm.write(StoredFormSamples.FOLDER)));
        for (var a : List.of(StoredFormSamples.SET_HAS_DISCHARGE, StoredFormSamples.CORRECTED_REPLACES,
                StoredFormSamples.SET_3_HAS_V2)) {
            assertEquals(a, StoredForm.association(StoredForm.write(a)));
        }
        assertEquals(List.of("urn:no:dhoindex:zeta", "urn:no:dhoindex:alpha"), List.copyOf(
                StoredForm.document(StoredForm.write(StoredFormSamples.DISCHARGE)).extraMetadata().keySet()));
    }

    /** Every part of the source patient, and the fields kept as sent in their order, read back as written. */
    @Test
    void sourcePatientReadsBackAsWritten() {
        Map<String, List<String>> other = new LinkedHashMap<>();
        other.put("PID-18", List.of("ACC-1"));
        other.put("PID-13", List.of("", "^NET^Internet^ola@example.no"));
        SourcePatient everything = new SourcePatient(
                List.of(Identifier.of(StoredFormSamples.PATIENT), new Identifier("X-1", null, "PI")),
                List.of(new PersonName("Nordmann", "Ola", "Kåre", "jr", "dr", "MD"), PersonName.of("Nordmann", null)),
                "19751507", "M",
                List.of(new Address("Storgata 1", "H0101", "Bergen", "Vestland", "5003", "NOR", "4601"),
                        new Address(null, null, "Oslo", null, null, null, null)),
                other);
        DocumentPointer d = StoredFormSamples.DISCHARGE;
        Provenance p = d.provenance();
        DocumentPointer withEverything = new DocumentPointer(d.id(), d.status(), d.type(), d.patientId(), d.codes(),
                new Provenance(p.authors(), p.legalAuthenticator(), p.creationTime(), p.serviceStartTime(),
                        p.serviceStopTime(), p.sourcePatientId(), everything), d.location(), d.title(), d.comments(),
                d.referenceIds(), d.extraMetadata());
        DocumentPointer read = StoredForm.document(StoredForm.write(withEverything));
        assertEquals(withEverything, read);
        assertEquals(List.of("PID-18", "PID-13"), List.copyOf(read.provenance().sourcePatient().otherFields().keySet()));
    }

    /**
     * Bytes written as version 1 (stored-form/v1-objects.hex, HL7 v2 values as encoded strings) read back as the
     * same objects, their HL7 v2 values now as parts: the V8 migration relies on it.
     */
    @Test
    void readsVersionOneBytes() throws IOException {
        readsTheSamples(fixture("v1"));
    }

    /**
     * Bytes written as version 2 (stored-form/v2-objects.hex, the source patient's PID fields as strings) read back
     * as the same objects, the source patient now as parts: the V9 migration relies on it.
     */
    @Test
    void readsVersionTwoBytes() throws IOException {
        readsTheSamples(fixture("v2"));
    }

    /** Bytes this form wrote when version 3 was made (stored-form/v3-objects.hex): a change of the form is a new version. */
    @Test
    void readsVersionThreeBytes() throws IOException {
        List<String[]> rows = fixture("v3");
        readsTheSamples(rows);
        // And the version this code writes is still version 3, byte for byte.
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(3, bytes(rows.get(i))[0]);
        }
        assertTrue(Arrays.equals(bytes(rows.get(0)), StoredForm.write(StoredFormSamples.DISCHARGE)));
        assertTrue(Arrays.equals(bytes(rows.get(1)), StoredForm.write(StoredFormSamples.MEASUREMENTS)));
        assertTrue(Arrays.equals(bytes(rows.get(2)), StoredForm.write(StoredFormSamples.SET_1)));
    }

    private static void readsTheSamples(List<String[]> rows) {
        assertEquals(6, rows.size());
        assertEquals(StoredFormSamples.DISCHARGE, StoredForm.document(bytes(rows.get(0))));
        assertEquals(StoredFormSamples.MEASUREMENTS, StoredForm.document(bytes(rows.get(1))));
        assertEquals(StoredFormSamples.SET_1, StoredForm.submissionSet(bytes(rows.get(2))));
        assertEquals(StoredFormSamples.FOLDER, StoredForm.folder(bytes(rows.get(3))));
        assertEquals(StoredFormSamples.CORRECTED_REPLACES, StoredForm.association(bytes(rows.get(4))));
        assertEquals(StoredFormSamples.SET_3_HAS_V2, StoredForm.association(bytes(rows.get(5))));
    }

    @Test
    void refusesWhatItCannotRead() {
        byte[] stored = StoredForm.write(StoredFormSamples.DISCHARGE);
        byte[] future = stored.clone();
        future[0] = 4;
        assertTrue(assertThrows(IllegalStateException.class, () -> StoredForm.document(future)).getMessage()
                .contains("version 4"));
        assertThrows(IllegalStateException.class, () -> StoredForm.folder(stored));
        assertThrows(IllegalStateException.class, () -> StoredForm.document(Arrays.copyOf(stored, stored.length / 2)));
        assertThrows(IllegalStateException.class, () -> StoredForm.document(new byte[0]));
    }

    static List<String[]> fixture(String version) throws IOException {
        try (InputStream in = StoredFormTest.class.getResourceAsStream("/stored-form/" + version + "-objects.hex")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(l -> l.split(" ")).toList();
        }
    }

    static byte[] bytes(String[] row) {
        return HexFormat.of().parseHex(row[1]);
    }
}
