package no.dhoindex.shared.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Every deployable's database acknowledges a commit only once it is durable (issue 12, item 1). */
class ManagedDatabaseDurabilityTest {

    private static final String POSTGRES = System.getProperty("dho.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String POSTGRES_USER = System.getProperty("dho.test.postgres.user", "postgres");

    @Test
    void h2FileRunsItsBackgroundWriterAndReusesSpaceEarly() throws Exception {
        Path dir = Files.createTempDirectory("managed-db");
        try (ManagedDatabase db = ManagedDatabase.open("none", "jdbc:h2:file:" + dir + "/db;DB_CLOSE_ON_EXIT=FALSE",
                "sa", "", null, 2, getClass().getClassLoader());
             Connection c = db.dataSource().getConnection()) {
            assertEquals("10", setting(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'WRITE_DELAY'"));
            assertEquals("1000", setting(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'RETENTION_TIME'"));
        }
    }

    @Test
    void aQuietH2FileWakesItsWriterLessOftenAndStillWaitsForDurableCommits() throws Exception {
        Path dir = Files.createTempDirectory("managed-db");
        try (ManagedDatabase db = ManagedDatabase.open("none", "jdbc:h2:file:" + dir + "/db;DB_CLOSE_ON_EXIT=FALSE",
                "sa", "", null, 2, getClass().getClassLoader(), ManagedDatabase.H2_QUIET_WRITE_DELAY_MILLIS);
             Connection c = db.dataSource().getConnection()) {
            assertEquals("500", setting(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'WRITE_DELAY'"));
            assertEquals("1000", setting(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'RETENTION_TIME'"));
            assertTrue(db.dataSource() instanceof GroupCommittedDataSource);
        }
        assertEquals("jdbc:h2:file:x;WRITE_DELAY=500;RETENTION_TIME=1000",
                ManagedDatabase.durable("jdbc:h2:file:x", 500));
        assertEquals("jdbc:h2:file:x;WRITE_DELAY=100", ManagedDatabase.durable("jdbc:h2:file:x;WRITE_DELAY=100", 500));
        assertThrows(IllegalArgumentException.class, () -> ManagedDatabase.durable("jdbc:h2:file:x", 0));
    }

    @Test
    void h2KeepsAnExplicitWriteDelay() {
        assertEquals("jdbc:h2:file:x;WRITE_DELAY=100", ManagedDatabase.durable("jdbc:h2:file:x;WRITE_DELAY=100"));
        assertFalse(ManagedDatabase.groupCommitted("jdbc:h2:file:x;WRITE_DELAY=100"));
        assertEquals("jdbc:h2:file:x;WRITE_DELAY=10;RETENTION_TIME=1000", ManagedDatabase.durable("jdbc:h2:file:x"));
        assertTrue(ManagedDatabase.groupCommitted("jdbc:h2:file:x"));
        assertEquals("jdbc:h2:./x;RETENTION_TIME=5000;WRITE_DELAY=10",
                ManagedDatabase.durable("jdbc:h2:./x;RETENTION_TIME=5000"));
        assertEquals("jdbc:h2:tcp://localhost/x;WRITE_DELAY=0", ManagedDatabase.durable("jdbc:h2:tcp://localhost/x"));
        assertFalse(ManagedDatabase.groupCommitted("jdbc:h2:tcp://localhost/x"));
        assertEquals("jdbc:h2:mem:x", ManagedDatabase.durable("jdbc:h2:mem:x"));
        assertFalse(ManagedDatabase.groupCommitted("jdbc:h2:mem:x"));
    }

    @Test
    void postgresCommitsSynchronouslyWhateverTheServerDefault() throws Exception {
        assumeTrue(reachable(), "PostgreSQL at " + POSTGRES + " is unreachable");
        String schema = "durable_" + Long.toString(System.currentTimeMillis(), 36);
        // A server (or role) configured for asynchronous commits, as some are for speed.
        String asynchronous = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
        try (ManagedDatabase db = ManagedDatabase.open("none", asynchronous, POSTGRES_USER, "", schema, 2,
                getClass().getClassLoader());
             Connection c = db.dataSource().getConnection()) {
            assertEquals("on", setting(c, "SELECT current_setting('synchronous_commit')"));
        } finally {
            try (Connection c = DriverManager.getConnection(POSTGRES, POSTGRES_USER, "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static String setting(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean reachable() {
        try (Connection c = DriverManager.getConnection(POSTGRES, POSTGRES_USER, "")) {
            return c.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }
}
