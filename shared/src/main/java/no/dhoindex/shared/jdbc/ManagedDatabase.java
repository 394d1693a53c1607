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
 * <p>A commit is durable when it returns, so that an acknowledgement is never lost: on an embedded H2 file each
 * commit waits for a group write forced to disk ({@link H2GroupCommit}; H2 by itself delays writes by 500 ms),
 * PostgreSQL waits for the commit record to reach disk ({@code synchronous_commit=on}, whatever the
 * server's or role's default).
 */
public final class ManagedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ManagedDatabase.class.getName());

    /**
     * H2's {@code WRITE_DELAY} for a database written to all the time (the registry): H2's background writer then
     * wakes every tenth of it, 1 ms, writes what no committer wrote yet and compacts. Each wake costs CPU whether or
     * not anything was written, so a database written rarely opens with {@link #H2_QUIET_WRITE_DELAY_MILLIS}.
     */
    static final int H2_WRITE_DELAY_MILLIS = 10;
    /**
     * H2's own default {@code WRITE_DELAY}, for a database written a record at a time (an access log): its writer
     * wakes every 50 ms, not every 1 ms. Durability does not depend on it: every commit waits for
     * {@link H2GroupCommit}.
     */
    public static final int H2_QUIET_WRITE_DELAY_MILLIS = 500;
    /**
     * H2 may reuse the space of a superseded chunk after this many ms (H2's default: 45 s). Safe this early because
     * every acknowledged commit was forced to disk ({@link H2GroupCommit}); at 45 s the file held most of a minute of
     * superseded chunks under sustained registration.
     */
    static final int H2_RETENTION_MILLIS = 1000;

    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final String url;

    private ManagedDatabase(HikariDataSource pool, String url) {
        this.pool = pool;
        this.dataSource = groupCommitted(url) ? new GroupCommittedDataSource(pool) : pool;
        this.url = url;
    }

    /**
     * Opens and migrates. {@code schema} (PostgreSQL) is created when missing; {@code null} uses the
     * connection's default.
     */
    public static ManagedDatabase open(String name, String url, String user, String password, String schema,
                                       int poolSize, ClassLoader migrations) {
        return open(name, url, user, password, schema, poolSize, migrations, H2_WRITE_DELAY_MILLIS);
    }

    /**
     * As {@link #open(String, String, String, String, String, int, ClassLoader)}; an embedded H2 file opens with
     * {@code WRITE_DELAY=h2WriteDelayMillis} (its background writer wakes every tenth of it), unless the URL states
     * one.
     */
    public static ManagedDatabase open(String name, String url, String user, String password, String schema,
                                       int poolSize, ClassLoader migrations, int h2WriteDelayMillis) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(url, h2WriteDelayMillis));
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
        pool.close();
    }

    private static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * The URL a durable database opens with. An embedded H2 file without a stated write delay gets a short one and an
     * early reuse of freed space, and its commits wait for {@link H2GroupCommit}: so a commit survives the JVM's death
     * and a power loss. H2 over the network (its server decides) gets {@code WRITE_DELAY=0}: each commit written
     * to the file before it returns, not forced to disk. A URL that states a write delay is left as it is, and its
     * commits are what that delay makes them (benchmarks compare H2's own default so).
     */
    static String durable(String url) {
        return durable(url, H2_WRITE_DELAY_MILLIS);
    }

    static String durable(String url, int h2WriteDelayMillis) {
        if (h2WriteDelayMillis <= 0) {
            // 0 would stop H2's background writer, the only one that reclaims superseded chunks (see H2GroupCommit).
            throw new IllegalArgumentException("An H2 write delay is at least 1 ms, not " + h2WriteDelayMillis);
        }
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || statesWriteDelay(url)) {
            return url;
        }
        if (!embeddedH2File(url)) {
            return url + ";WRITE_DELAY=0";
        }
        return url + ";WRITE_DELAY=" + h2WriteDelayMillis
                + (url.toUpperCase().contains(";RETENTION_TIME=") ? "" : ";RETENTION_TIME=" + H2_RETENTION_MILLIS);
    }

    /** Whether commits wait for {@link H2GroupCommit}: an embedded H2 file whose URL leaves the write delay to us. */
    static boolean groupCommitted(String url) {
        return embeddedH2File(url) && !statesWriteDelay(url);
    }

    private static boolean statesWriteDelay(String url) {
        return url.toUpperCase().contains(";WRITE_DELAY=");
    }

    private static boolean embeddedH2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length());
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:"));
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
