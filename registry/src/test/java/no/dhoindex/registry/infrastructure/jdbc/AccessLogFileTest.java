package no.dhoindex.registry.infrastructure.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import no.dhoindex.shared.access.AccessLogStore;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.xds.model.PatientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded registry keeps its access log in an H2 file of its own: a query's access record is committed there,
 * not in the pointers' store, and records an earlier registry kept in its own file are moved there once, none lost
 * and none doubled.
 */
class AccessLogFileTest {

    private static final PatientId PATIENT = new PatientId("13116900216", "2.16.578.1.12.4.1.4.1");

    @TempDir
    Path dir;

    @Test
    void aQuerysAccessRecordIsCommittedInTheAccessLogsOwnFile() throws Exception {
        RegistryDatabase db = TestDatabases.open(url(), null);
        try {
            new AccessLogStore(db.accessLogDataSource()).record(record("ITI-18 FindDocuments"));

            assertEquals(0, count(db.dataSource()), "records in the registry's own store");
            assertEquals(1, count(db.accessLogDataSource()));
            assertTrue(Files.exists(dir.resolve("registry-access.mv.db")));
        } finally {
            db.close();
        }
        RegistryDatabase again = TestDatabases.open(url(), null);
        try {
            List<AccessRecord> log = new AccessLogStore(again.accessLogDataSource()).forPatient(PATIENT, 10);
            assertEquals(List.of("ITI-18 FindDocuments"), log.stream().map(AccessRecord::action).toList());
        } finally {
            again.close();
        }
    }

    @Test
    void thePointersFileIsCompressedAndItsWriterWakesRarely() throws Exception {
        RegistryDatabase db = TestDatabases.open(url(), null);
        try (Connection c = db.dataSource().getConnection()) {
            assertEquals("TRUE", setting(c, "COMPRESS").toUpperCase(java.util.Locale.ROOT), "pages compressed");
            assertEquals(String.valueOf(RegistryDatabase.H2_WRITE_DELAY_MILLIS), setting(c, "WRITE_DELAY"));
        } finally {
            db.close();
        }
    }

    private static String setting(Connection c, String name) throws Exception {
        try (var ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void recordsKeptInTheRegistrysFileAreMovedOnceAndKeepTheirIds() throws Exception {
        TestDatabases.migrateTo(url(), null, "10");
        legacyRecords(1, 2, 3);

        RegistryDatabase db = TestDatabases.open(url(), null);
        try {
            assertEquals(0, count(db.dataSource()), "records left in the registry's own store");
            assertEquals(List.of(1L, 2L, 3L), ids(db.accessLogDataSource()));
            new AccessLogStore(db.accessLogDataSource()).record(record("after the move"));
            assertEquals(List.of(1L, 2L, 3L, 4L), ids(db.accessLogDataSource()));
        } finally {
            db.close();
        }

        // A move interrupted after the records were committed in the access log, before they left the registry's.
        legacyRecords(1, 2, 3);
        RegistryDatabase again = TestDatabases.open(url(), null);
        try {
            assertEquals(0, count(again.dataSource()));
            assertEquals(List.of(1L, 2L, 3L, 4L), ids(again.accessLogDataSource()));
        } finally {
            again.close();
        }
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static AccessRecord record(String action) {
        return new AccessRecord(null, Instant.parse("2026-12-03T08:00:00Z"), PATIENT, "13116900216", "9144889",
                "Kari Lege", "974633574", null, "TREAT", action, AccessRecord.Outcome.GRANTED, null, "c-1", false,
                "LE");
    }

    /** Records as a registry before this change wrote them, into the registry's own file. */
    private void legacyRecords(long... ids) throws SQLException {
        try (Connection c = TestDatabases.connect(url(), null);
             PreparedStatement insert = c.prepareStatement("INSERT INTO access_log (id, recorded, patient_id,"
                     + " patient_authority, action, outcome, emergency) VALUES (?, ?, ?, ?, ?, 'GRANTED', FALSE)")) {
            for (long id : ids) {
                insert.setLong(1, id);
                insert.setTimestamp(2, Timestamp.from(Instant.parse("2026-12-01T08:00:00Z").plusSeconds(id)));
                insert.setString(3, PATIENT.id());
                insert.setString(4, PATIENT.assigningAuthority());
                insert.setString(5, "legacy " + id);
                insert.executeUpdate();
            }
        }
    }

    private static int count(DataSource dataSource) throws SQLException {
        return ids(dataSource).size();
    }

    private static List<Long> ids(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM access_log ORDER BY id")) {
            List<Long> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }
}
