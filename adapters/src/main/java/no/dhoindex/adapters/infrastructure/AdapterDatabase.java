package no.dhoindex.adapters.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.shared.jdbc.ManagedDatabase;

/** This organisation's own database (H2 file per organisation by default; PostgreSQL by setting). */
@ApplicationScoped
public class AdapterDatabase {

    @Inject
    OrganisationSettings settings;

    private ManagedDatabase database;

    @PostConstruct
    void open() {
        database = ManagedDatabase.open("adapter", settings.databaseUrl(), settings.optional("db.user").orElse("sa"),
                settings.optional("db.password").orElse(""), settings.optional("db.schema").orElse(null),
                Integer.parseInt(settings.optional("db.poolSize").orElse("5")), getClass().getClassLoader(),
                // A record per search or publication, not a registry's stream of commits: H2's writer wakes every
                // 50 ms instead of every 1 ms (commits still wait for their group write to disk).
                ManagedDatabase.H2_QUIET_WRITE_DELAY_MILLIS);
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
}
