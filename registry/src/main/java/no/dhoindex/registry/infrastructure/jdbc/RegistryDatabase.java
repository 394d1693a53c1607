package no.dhoindex.registry.infrastructure.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * The registry's own database: H2 in a file by default, PostgreSQL when the URL says so. The
 * schema is migrated by Flyway at start-up, before the first request is served.
 */
@ApplicationScoped
public class RegistryDatabase {

    private static final Logger LOG = Logger.getLogger(RegistryDatabase.class.getName());

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

    private HikariDataSource dataSource;

    @PostConstruct
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password.orElse(""));
        schema.ifPresent(config::setSchema);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("registry");
        config.setAutoCommit(true);
        config.setDriverClassName(url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : "org.h2.Driver");
        dataSource = new HikariDataSource(config);
        var flyway = Flyway.configure(getClass().getClassLoader()).dataSource(dataSource);
        schema.ifPresent(s -> flyway.schemas(s).createSchemas(true));
        flyway
                .locations("classpath:db/migration/registry")
                .load()
                .migrate();
        LOG.info(() -> "event=database-ready url=" + redact(url) + " pool=" + poolSize);
    }

    /** Opens the database and migrates the schema when the application starts, not at the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> "event=registry-started pool=" + dataSource.getPoolName());
    }

    @PreDestroy
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
