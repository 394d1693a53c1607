package no.dhoindex.registry.infrastructure.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact stored form: what it writes reads back equal, and bytes written as version 1 stay readable. */
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

    /** Bytes this form wrote when version 1 was made (stored-form/v1-objects.hex): a change of the form is a new version. */
    @Test
    void readsVersionOneBytes() throws IOException {
        List<String[]> rows = fixture();
        assertEquals(6, rows.size());
        assertEquals(StoredFormSamples.DISCHARGE, StoredForm.document(bytes(rows.get(0))));
        assertEquals(StoredFormSamples.MEASUREMENTS, StoredForm.document(bytes(rows.get(1))));
        assertEquals(StoredFormSamples.SET_1, StoredForm.submissionSet(bytes(rows.get(2))));
        assertEquals(StoredFormSamples.FOLDER, StoredForm.folder(bytes(rows.get(3))));
        assertEquals(StoredFormSamples.CORRECTED_REPLACES, StoredForm.association(bytes(rows.get(4))));
        assertEquals(StoredFormSamples.SET_3_HAS_V2, StoredForm.association(bytes(rows.get(5))));
        // And the version this code writes is still version 1, byte for byte.
        assertTrue(Arrays.equals(bytes(rows.get(0)), StoredForm.write(StoredFormSamples.DISCHARGE)));
    }

    @Test
    void refusesWhatItCannotRead() {
        byte[] stored = StoredForm.write(StoredFormSamples.DISCHARGE);
        byte[] future = stored.clone();
        future[0] = 2;
        assertTrue(assertThrows(IllegalStateException.class, () -> StoredForm.document(future)).getMessage()
                .contains("version 2"));
        assertThrows(IllegalStateException.class, () -> StoredForm.folder(stored));
        assertThrows(IllegalStateException.class, () -> StoredForm.document(Arrays.copyOf(stored, stored.length / 2)));
        assertThrows(IllegalStateException.class, () -> StoredForm.document(new byte[0]));
    }

    private static List<String[]> fixture() throws IOException {
        try (InputStream in = StoredFormTest.class.getResourceAsStream("/stored-form/v1-objects.hex")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(l -> l.split(" ")).toList();
        }
    }

    private static byte[] bytes(String[] row) {
        return HexFormat.of().parseHex(row[1]);
    }
}
