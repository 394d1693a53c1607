package no.dhoindex.registry.infrastructure.jdbc;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import no.dhoindex.shared.jdbc.ManagedDatabase;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry's own database: H2 in a file by default, PostgreSQL when the URL says so. The
 * schema is migrated by Flyway when the application starts, before the first request is served.
 *
 * <p>On an embedded H2 file the access log is a second, small H2 file beside it ({@link #accessLogUrl}): with the
 * checks on every stored query commits one access record, and in the registry's own store each such commit waited
 * for the store's lock while H2's writer or an {@link H2Compaction} turn compacted the pointers, then wrote what they
 * had rewritten, and kept every turn a busy one (at 100,000 entries after a bulk load: 149 ms of registry CPU and
 * 153 ms per FindDocuments). The access log is only ever read per
 * patient ({@code AccessLogStore}), never joined with the pointers, so it needs no store in common with them. On
 * PostgreSQL (and H2 in memory) it stays the registry schema's {@code access_log}.
 */
@ApplicationScoped
public class RegistryDatabase {

    @Inject
    @ConfigProperty(name = "dho.registry.db.url")
    String url;

    @Inject
    @ConfigProperty(name = "dho.registry.db.user", defaultValue = "sa")
    String user;

    @Inject
    @ConfigProperty(name = "dho.registry.db.password")
    Optional<String> password;

    /** A PostgreSQL schema of its own (created if missing); the database default when absent. */
    @Inject
    @ConfigProperty(name = "dho.registry.db.schema")
    Optional<String> schema;

    @Inject
    @ConfigProperty(name = "dho.registry.db.poolSize", defaultValue = "10")
    int poolSize;

    /** H2 only: how often the file is compacted while the registry runs (0: never; see {@link H2Compaction}). */
    @Inject
    @ConfigProperty(name = "dho.registry.h2.compactSeconds", defaultValue = "10")
    long compactSeconds;

    /** H2 only: the most a turn of compaction may lock the store for while registrations come in. */
    @Inject
    @ConfigProperty(name = "dho.registry.h2.compactMillis", defaultValue = "500")
    long compactMillis;

    /** H2 only: the most a turn may take when nothing was committed since the last one, and the compaction on close. */
    @Inject
    @ConfigProperty(name = "dho.registry.h2.idleCompactMillis", defaultValue = "10000")
    long idleCompactMillis;

    /**
     * H2 file only: the pointers' file's {@code WRITE_DELAY}. Commits do not wait for it (each waits for a group write,
     * see ManagedDatabase); H2's background writer wakes every tenth of it and looks over every chunk of the file each
     * time, so at 10 ms (a wake per millisecond) it cost about a millisecond of CPU per registered entry.
     */
    @Inject
    @ConfigProperty(name = "dho.registry.h2.writeDelayMillis", defaultValue = "" + H2_WRITE_DELAY_MILLIS)
    int h2WriteDelayMillis = H2_WRITE_DELAY_MILLIS;

    static final int H2_WRITE_DELAY_MILLIS = 1000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private static final Logger LOG = Logger.getLogger(RegistryDatabase.class.getName());

    private ManagedDatabase database;
    /** The access log's own database (embedded H2 file only; else null: the access log is in {@link #database}). */
    private ManagedDatabase accessLog;
    private H2Compaction compaction;
    private ScheduledFuture<?> compacting;

    @PostConstruct
    void open() {
        checkCompaction(compactSeconds, compactMillis, idleCompactMillis);
        database = ManagedDatabase.open("registry", compressed(batchedInserts(indexPlansOnly(url))), user, password.orElse(""), schema.orElse(null), poolSize,
                getClass().getClassLoader(), h2WriteDelayMillis);
        String accessLogUrl = accessLogUrl(url);
        if (accessLogUrl != null) {
            // One small record per query: its writer need not wake every millisecond (ManagedDatabase).
            try {
                accessLog = ManagedDatabase.open("registry-access", accessLogUrl, user, password.orElse(""), null,
                        poolSize, getClass().getClassLoader(), ManagedDatabase.H2_QUIET_WRITE_DELAY_MILLIS);
                AccessLogMove.move(database.dataSource(), accessLog.dataSource());
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        if (url.startsWith("jdbc:h2:file:") && compactSeconds > 0) {
            compaction = new H2Compaction(database.dataSource(), Duration.ofMillis(compactMillis),
                    Duration.ofMillis(idleCompactMillis));
            if (scheduler != null) { // null outside a container (unit tests): compacted on close only
                compacting = scheduler.scheduleWithFixedDelay(this::compactSafely, compactSeconds, compactSeconds,
                        TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The access log's own H2 file beside an embedded H2 file's ({@code …/registry} → {@code …/registry-access}, the
     * same options), or null: any other URL keeps the access log in the registry's database.
     */
    static String accessLogUrl(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        int options = url.indexOf(';');
        return options < 0 ? url + "-access" : url.substring(0, options) + "-access" + url.substring(options);
    }

    /** The compaction settings, checked before the database opens: a turn must end before the next is due. */
    static void checkCompaction(long seconds, long millis, long idleMillis) {
        if (seconds < 0 || seconds > 0 && (millis <= 0 || idleMillis <= 0 || millis >= seconds * 1000)) {
            throw new IllegalStateException("dho.registry.h2.compactSeconds must be 0 (never) or more, and then"
                    + " dho.registry.h2.compactMillis and idleCompactMillis positive, compactMillis less than"
                    + " compactSeconds; got " + seconds + " s, " + millis + " ms, " + idleMillis + " ms");
        }
    }

    private void compactSafely() {
        compactSafely(false);
    }

    private void compactSafely(boolean asIdle) {
        try {
            if (asIdle) {
                compaction.compactAsIdle();
            } else {
                compaction.compact();
            }
        } catch (Exception e) {
            // A failed turn loses nothing (compaction moves committed data, all or nothing per chunk): try next turn.
            LOG.log(Level.WARNING, "event=h2-compaction-failed", e);
        }
    }

    /**
     * On PostgreSQL, every session of the registry plans without sequential scans ({@code enable_seqscan=off}):
     * each of its statements has an index to read by (the plan check, {@code QueryPlanTest}, holds them to it), but
     * on tables without fresh statistics, or small when a prepared statement's generic plan was cached, the planner
     * may choose a scan that stays in the cache as the table grows (registration fell from 217 to 57 entries/s so).
     * The setting makes a scan the plan of last resort, not forbidden. A URL that sets {@code options} is left as it is.
     */
    static String indexPlansOnly(String url) {
        if (!url.startsWith("jdbc:postgresql:") || url.contains("options=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "options=-c%20enable_seqscan%3Doff";
    }

    /**
     * On PostgreSQL, a registration's batched inserts go as multi-row INSERTs (pgjdbc's {@code reWriteBatchedInserts}):
     * one statement for a set's documents, codes or associations instead of one per row, which is most of the server's
     * work per entry in sets of 10. A URL that sets {@code reWriteBatchedInserts} is left as it is.
     */
    static String batchedInserts(String url) {
        if (!url.startsWith("jdbc:postgresql:") || url.contains("reWriteBatchedInserts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /**
     * An embedded H2 file stores its pages compressed ({@code COMPRESS=TRUE}, LZF): H2's log-structured store writes
     * every changed page again at each commit, and with random keys (uniqueIds, patients, entryUUIDs a source chose)
     * that is a leaf per index per entry; compressed, the file held 1.8 KB per entry at rest where PostgreSQL holds 2.9 KB, and
     * about a third of the uncompressed file while registrations came in (BENCHMARKS.md, H2). Pages written earlier
     * without it stay readable. A URL that sets {@code COMPRESS} is left as it is.
     */
    static String compressed(String url) {
        if (!url.startsWith("jdbc:h2:file:") || url.toUpperCase(Locale.ROOT).contains(";COMPRESS=")) {
            return url;
        }
        return url + ";COMPRESS=TRUE";
    }

    /** Opens the database when the application starts, not at the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        database.dataSource();
    }

    @PreDestroy
    void close() {
        if (compacting != null) {
            compacting.cancel(false);
        }
        if (compaction != null) {
            compactSafely(true); // a last turn, idle by now, before H2 closes the file
        }
        if (database != null) {
            database.close();
        }
        if (accessLog != null) {
            accessLog.close();
        }
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** Where the access log is kept: its own H2 file beside an embedded H2 file's, else the registry's database. */
    public DataSource accessLogDataSource() {
        return accessLog != null ? accessLog.dataSource() : database.dataSource();
    }

    public boolean isPostgres() {
        return database.isPostgres();
    }
}
