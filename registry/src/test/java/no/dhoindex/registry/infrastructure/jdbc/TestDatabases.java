package no.dhoindex.registry.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import no.dhoindex.testsupport.Postgres;
import org.flywaydb.core.Flyway;

/** The registry's database outside the container: H2 in memory or a fresh PostgreSQL schema, as the WAR opens it. */
final class TestDatabases {

    private TestDatabases() {
    }

    static String h2Url(String name) {
        return "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    }

    /** Opens (and migrates to the newest version) as {@link RegistryDatabase} does in the container. */
    static RegistryDatabase open(String url, String schema) {
        RegistryDatabase db = new RegistryDatabase();
        db.url = url;
        db.user = url.startsWith("jdbc:postgresql:") ? Postgres.USER : "sa";
        db.password = Optional.empty();
        db.schema = Optional.ofNullable(schema);
        db.poolSize = 4;
        db.open();
        return db;
    }

    /** Migrates to {@code version} only, as a registry of that schema version left it. */
    static void migrateTo(String url, String schema, String version) {
        var flyway = Flyway.configure(TestDatabases.class.getClassLoader())
                .dataSource(url, url.startsWith("jdbc:postgresql:") ? Postgres.USER : "sa", "")
                .locations("classpath:db/migration/registry").target(version)
                .placeholders(java.util.Map.of("binary", url.startsWith("jdbc:postgresql:") ? "BYTEA" : "BLOB"));
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
    }

    static Connection connect(String url, String schema) throws SQLException {
        Connection c = DriverManager.getConnection(url, url.startsWith("jdbc:postgresql:") ? Postgres.USER : "sa", "");
        if (schema != null) {
            c.setSchema(schema);
        }
        return c;
    }
}
