package no.dhoindex.registry.infrastructure.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's H2 file, written as registrations write it (one durable commit per request), grows by far more
 * than it holds; a turn of {@link H2Compaction} gives the space back, and nothing committed is lost.
 */
class H2CompactionTest {

    private static final int COMMITS = 2000;

    @TempDir
    Path dir;

    @Test
    void aTurnShrinksTheFileAndKeepsEveryRow() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE";
        RegistryDatabase db = TestDatabases.open(url, null);
        try {
            commit(db, COMMITS);
            long before = fileSize();
            Duration bound = new H2Compaction(db.dataSource(), Duration.ofMillis(200), Duration.ofSeconds(30))
                    .compactAsIdle();
            long after = fileSize();

            assertEquals(Duration.ofSeconds(30), bound);
            assertTrue(after * 2 < before, "compacted from " + before + " to " + after + " bytes");
            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM access_log")) {
                rs.next();
                assertEquals(COMMITS, rs.getInt(1));
            }
        } finally {
            db.close();
        }
    }

    /**
     * An idle registry is not rewritten for ever: once an idle turn gives nothing back, the next idle turns are
     * skipped (the store's version and file unchanged) until something is committed again.
     */
    @Test
    void idleTurnsStopWhenTheyGiveNothingBackAndStartAgainAfterACommit() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE";
        RegistryDatabase db = TestDatabases.open(url, null);
        try {
            commit(db, 200);
            H2Compaction compaction = new H2Compaction(db.dataSource(), Duration.ofMillis(200), Duration.ofMillis(500));
            compaction.compact(); // busy: rows were committed before it
            Duration turn = Duration.ofMillis(500);
            for (int i = 0; i < 20 && !turn.isZero(); i++) {
                turn = compaction.compact(); // idle turns until one gives nothing back
            }
            assertEquals(Duration.ZERO, compaction.compact(), "an idle turn after one that gave nothing back");
            long size = fileSize();
            assertEquals(Duration.ZERO, compaction.compact());
            assertEquals(size, fileSize());

            commit(db, 1);
            assertEquals(Duration.ofMillis(200), compaction.compact(), "a commit makes the next turn a busy one");
        } finally {
            db.close();
        }
    }

    /**
     * H2's {@code compactFile} sets the store's retention time to 0 for good; a turn gives back the registry's, so
     * H2's writer does not reuse freed space before the group write forces the chunks that freed it to disk.
     */
    @Test
    void aTurnLeavesTheRetentionTimeAsItFoundIt() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE";
        RegistryDatabase db = TestDatabases.open(url, null);
        try (Connection c = db.dataSource().getConnection()) {
            commit(db, 200);
            var fileStore = H2Compaction.store(c).getFileStore();
            int retention = fileStore.getRetentionTime();
            new H2Compaction(db.dataSource(), Duration.ofMillis(200), Duration.ofMillis(500)).compactAsIdle();

            assertEquals(1000, retention, "the registry's retention time (ManagedDatabase)");
            assertEquals(retention, fileStore.getRetentionTime());
        } finally {
            db.close();
        }
    }

    private static void commit(RegistryDatabase db, int rows) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO access_log (recorded, patient_id, action,"
                     + " outcome, reason, emergency) VALUES (?, ?, 'ITI-18', 'success', ?, FALSE)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                insert.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
                insert.setString(2, "patient-" + i);
                insert.setString(3, "x".repeat(400));
                insert.executeUpdate();
                c.commit();
            }
        }
    }

    private long fileSize() throws Exception {
        return Files.size(dir.resolve("registry.mv.db"));
    }
}
