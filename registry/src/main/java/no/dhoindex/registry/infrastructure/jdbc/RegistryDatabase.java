package no.dhoindex.registry.infrastructure.jdbc;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import javax.sql.DataSource;
import no.dhoindex.shared.jdbc.ManagedDatabase;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry's own database: H2 in a file by default, PostgreSQL when the URL says so. The
 * schema is migrated by Flyway when the application starts, before the first request is served.
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

    private ManagedDatabase database;

    @PostConstruct
    void open() {
        database = ManagedDatabase.open("registry", indexPlansOnly(url), user, password.orElse(""), schema.orElse(null), poolSize,
                getClass().getClassLoader());
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

    /** Opens the database when the application starts, not at the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        database.dataSource();
    }

    @PreDestroy
    void close() {
        if (database != null) {
            database.close();
        }
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public boolean isPostgres() {
        return database.isPostgres();
    }
}
