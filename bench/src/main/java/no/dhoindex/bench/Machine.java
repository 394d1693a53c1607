package no.dhoindex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import no.dhoindex.testsupport.Postgres;

/** What a result file says about the machine and the databases: load, cores, JVM, sizes on disk. */
final class Machine {

    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages as /proc/loadavg gives them. */
    static String loadAverages() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /** The 1-minute load average. */
    static double load() throws IOException {
        return Double.parseDouble(loadAverages().split(" ")[0]);
    }

    static String facts() {
        return Runtime.getRuntime().availableProcessors() + " cores (nproc), Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + ")";
    }

    /** Total size of the regular files under {@code dir} whose names start with {@code prefix} (an H2 database). */
    static double filesMegabytes(Path dir, String prefix) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(prefix))
                    .mapToLong(p -> p.toFile().length()).sum() / (1024.0 * 1024.0);
        }
    }

    /** Tables and indexes of a PostgreSQL schema. */
    static double schemaMegabytes(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(Postgres.URL, Postgres.USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT sum(pg_total_relation_size(quote_ident(schemaname)"
                     + " || '.' || quote_ident(tablename))) FROM pg_tables WHERE schemaname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) / (1024.0 * 1024.0) : -1;
            }
        }
    }
}
