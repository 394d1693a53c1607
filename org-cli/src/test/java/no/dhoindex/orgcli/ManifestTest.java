package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    private static final String PATIENT = "15077510041";
    private static final String HEADER = "file,patient,creationTime,title,classCode,typeCode,mimeType\n";

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/a.txt"), "a");
        Files.writeString(dir.resolve("docs/b.pdf"), "b");
    }

    private String errors(String manifest) {
        return assertThrows(CliFailure.class, () -> Manifest.parse(manifest, dir)).getMessage();
    }

    @Test
    void readsRowsWithDefaultsAndQuotedFields() {
        List<Manifest.Entry> entries = Manifest.parse("file,patient,creationTime,title\n"
                + "docs/a.txt," + PATIENT + ",20261101120000,\"Notat, \"\"poliklinisk\"\"\"\r\n"
                + "docs/b.pdf," + PATIENT + ",20261102,\n\n", dir);
        assertEquals(2, entries.size());
        Manifest.Entry a = entries.get(0);
        assertEquals(new Manifest.Entry(2, "docs/a.txt", PATIENT, "20261101120000", "Notat, \"poliklinisk\"", "A00-1",
                "A01-1", "text/plain", null, null, null), a);
        Manifest.Entry b = entries.get(1);
        assertEquals("b.pdf", b.title());
        assertEquals("application/pdf", b.mimeType());
        assertEquals(3, b.line());
    }

    @Test
    void namesLineFileAndFieldOfEveryDefect() {
        String message = errors(HEADER
                + "docs/a.txt,12345,20261101,T,A00-1,A01-1,text/plain\n"
                + "docs/b.pdf," + PATIENT + ",2026-11-01,T,A00-1,A01-1,application/pdf\n"
                + "docs/a.txt,15077510042,20261101,T,A 1,A01-1,text\n"
                + "docs/missing.txt," + PATIENT + ",20261101,T,A00-1,A01-1,text/plain\n"
                + "../outside.txt," + PATIENT + ",20261101,T,A00-1,A01-1,text/plain\n"
                + "docs/b.pdf," + PATIENT + "\n"
                + "," + PATIENT + ",20261101,T,A00-1,A01-1,text/plain\n"
                + "docs/b.pdf,,,T,A00-1,A01-1,text/plain\n");
        assertEquals(String.join("\n",
                "13 errors in manifest.csv, nothing sent:",
                "  manifest.csv line 2 (docs/a.txt): patient '12345': a national id has 11 digits",
                "  manifest.csv line 3 (docs/b.pdf): creationTime '2026-11-01': expected YYYYMMDD[hh[mm[ss]]] (UTC)",
                "  manifest.csv line 4 (docs/a.txt): file is already listed on line 2",
                "  manifest.csv line 4 (docs/a.txt): patient '15077510042': the check digits do not match (mod 11)",
                "  manifest.csv line 4 (docs/a.txt): classCode 'A 1': a code has no spaces or ^ & |",
                "  manifest.csv line 4 (docs/a.txt): mimeType 'text': expected type/subtype, e.g. application/pdf",
                "  manifest.csv line 5 (docs/missing.txt): file does not exist in " + dir,
                "  manifest.csv line 6 (../outside.txt): file is outside " + dir,
                "  manifest.csv line 7: 2 fields, the header has 7",
                "  manifest.csv line 8: file is missing",
                "  manifest.csv line 9 (docs/b.pdf): file is already listed on line 3",
                "  manifest.csv line 9 (docs/b.pdf): patient is missing",
                "  manifest.csv line 9 (docs/b.pdf): creationTime is missing"), message);
    }

    @Test
    void headerMustNameKnownAndRequiredColumns() {
        assertEquals("2 errors in manifest.csv, nothing sent:\n"
                + "  manifest.csv line 1: unknown column 'fnr' (known: file, patient, creationTime, title, classCode,"
                + " typeCode, mimeType, serviceStartTime, serviceStopTime, author)\n"
                + "  manifest.csv line 1: the required column 'patient' is missing",
                errors("file,fnr,creationTime\ndocs/a.txt," + PATIENT + ",20261101\n"));
    }

    @Test
    void missingRequiredValuesAreNamed() {
        assertEquals("2 errors in manifest.csv, nothing sent:\n"
                + "  manifest.csv line 2 (docs/a.txt): patient is missing\n"
                + "  manifest.csv line 2 (docs/a.txt): creationTime is missing",
                errors("file,patient,creationTime\ndocs/a.txt,,\n"));
    }

    @Test
    void emptyManifestAndMissingManifestAreRefused() {
        assertEquals("manifest.csv is empty: it needs a header row (file,patient,creationTime, ...)", errors(""));
        assertEquals("no manifest.csv in " + dir + " (see ./dho org help)",
                assertThrows(CliFailure.class, () -> Manifest.read(dir)).getMessage());
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenNeeded() {
        assertEquals("plain", Manifest.Csv.field("plain"));
        assertEquals("\"a, b\"", Manifest.Csv.field("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Manifest.Csv.field("say \"hi\""));
        assertEquals(List.of(List.of("a, b", "c")), Manifest.Csv.rows("\"a, b\",c"));
    }
}
