package no.dhoindex.shared.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A deployable's own database: a Hikari pool on H2 (embedded default) or PostgreSQL, its schema
 * migrated by Flyway from {@code classpath:db/migration/<name>} before first use. Migrations may
 * write {@code ${binary}} for a binary column.
 *
 * <p>A commit is durable when it returns, so that an acknowledgement is never lost: H2 writes every
 * commit to its file before returning ({@code WRITE_DELAY=0}; by default it delays writes by 500 ms),
 * PostgreSQL waits for the commit record to reach disk ({@code synchronous_commit=on}, whatever the
 * server's or role's default).
 */
public final class ManagedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ManagedDatabase.class.getName());

    private final HikariDataSource dataSource;
    private final String url;

    private ManagedDatabase(HikariDataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
    }

    /**
     * Opens and migrates. {@code schema} (PostgreSQL) is created when missing; {@code null} uses the
     * connection's default.
     */
    public static ManagedDatabase open(String name, String url, String user, String password, String schema,
                                       int poolSize, ClassLoader migrations) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(url));
        config.setUsername(user);
        config.setPassword(password == null ? "" : password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(name);
        config.setDriverClassName(isPostgres(url) ? "org.postgresql.Driver" : "org.h2.Driver");
        if (schema != null) {
            config.setSchema(schema);
        }
        if (isPostgres(url)) {
            config.setConnectionInitSql("SET synchronous_commit = on");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            // ${binary}: the one column type H2 and PostgreSQL spell differently.
            var flyway = Flyway.configure(migrations).dataSource(dataSource).locations("classpath:db/migration/" + name)
                    .placeholders(java.util.Map.of("binary", isPostgres(url) ? "BYTEA" : "BLOB"));
            if (schema != null) {
                flyway.schemas(schema).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info(() -> "event=database-ready name=" + name + " url=" + redact(url) + " pool=" + poolSize);
        return new ManagedDatabase(dataSource, url);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return isPostgres(url);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * H2 file databases with {@code WRITE_DELAY=0} unless the URL says otherwise: each commit is then
     * written to the file (in the committing thread) before it returns. H2 does not fsync per commit,
     * so a commit survives the JVM's death (SIGKILL), not the machine's (power loss, kernel crash).
     */
    static String durable(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.toUpperCase().contains(";WRITE_DELAY=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
