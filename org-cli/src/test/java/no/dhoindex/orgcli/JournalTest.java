package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aRerunSkipsWhatWasConfirmed() {
        try (Journal journal = Journal.open(dir)) {
            assertFalse(journal.isConfirmed("docs/a.txt", SHA_A));
            journal.confirm("docs/a.txt", SHA_A, "2.25.1");
            assertTrue(journal.isConfirmed("docs/a.txt", SHA_A));
        }
        try (Journal again = Journal.open(dir)) {
            assertTrue(again.isConfirmed("docs/a.txt", SHA_A));
            assertFalse(again.isConfirmed("docs/b.txt", SHA_A), "another file");
            assertFalse(again.isConfirmed("docs/a.txt", SHA_B), "the same file changed is a new document");
        }
    }

    @Test
    void aLineCutShortByACrashIsIgnored() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            journal.confirm("docs/a.txt", SHA_A, "2.25.1");
        }
        Files.writeString(dir.resolve(Journal.FILE_NAME), SHA_B.substring(0, 20), StandardOpenOption.APPEND);
        try (Journal again = Journal.open(dir)) {
            assertTrue(again.isConfirmed("docs/a.txt", SHA_A));
            assertFalse(again.isConfirmed("docs/b.txt", SHA_B));
            again.confirm("docs/b.txt", SHA_B, "2.25.2");
        }
        try (Journal third = Journal.open(dir)) {
            assertTrue(third.isConfirmed("docs/a.txt", SHA_A));
            assertTrue(third.isConfirmed("docs/b.txt", SHA_B), "a confirmation after a torn line is kept");
        }
    }

    @Test
    void aDeletedJournalMeansEverythingIsSentAgain() throws Exception {
        try (Journal journal = Journal.open(dir)) {
            journal.confirm("docs/a.txt", SHA_A, "2.25.1");
        }
        Files.delete(dir.resolve(Journal.FILE_NAME));
        try (Journal again = Journal.open(dir)) {
            assertFalse(again.isConfirmed("docs/a.txt", SHA_A));
        }
    }
}
