package no.dhoindex.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL server these machines run (127.0.0.1:5432, trust auth, database {@code test}). */
public final class Postgres {

    public static final String URL = System.getProperty("dho.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("dho.test.postgres.user", "postgres");

    private Postgres() {
    }

    /** Why PostgreSQL cannot be used, or {@code null} when it answers. */
    public static String unreachableReason() {
        return unreachableReason(URL, USER, "");
    }

    /** Why the PostgreSQL at {@code url} cannot be used by {@code user}, or {@code null} when it answers. */
    public static String unreachableReason(String url, String user, String password) {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return c.isValid(3) ? null : "PostgreSQL at " + url + " did not answer";
        } catch (SQLException e) {
            return "PostgreSQL at " + url + " is unreachable: " + e.getMessage();
        }
    }

    /** A fresh, empty schema for one test run. */
    public static String freshSchema(String prefix) throws SQLException {
        String schema = prefix + "_" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection c = DriverManager.getConnection(URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        return schema;
    }

    public static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
