package no.dhoindex.registry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import no.dhoindex.testsupport.SharedServer;

/** The registry WAR on Payara Micro, once per test run for each database: H2 (file) and PostgreSQL. */
final class RegistryServers {

    static final String READY = "/registry/services/registry?wsdl";

    private RegistryServers() {
    }

    static PayaraMicroProcess h2() {
        return SharedServer.get("registry-h2", () -> {
            Path work = fresh(Path.of("target", "it-h2"));
            return start(work, Map.of("dho.data.dir", work.resolve("data").toAbsolutePath().toString(),
                    "dho.registry.query.maxResults", "200"));
        });
    }

    static PayaraMicroProcess postgres() {
        return SharedServer.get("registry-postgres", () -> {
            Path work = fresh(Path.of("target", "it-postgres"));
            String schema = Postgres.freshSchema("registry_it");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Postgres.dropSchema(schema)));
            return start(work, Map.of("dho.registry.db.url", Postgres.URL, "dho.registry.db.user", Postgres.USER,
                    "dho.registry.db.schema", schema, "dho.registry.query.maxResults", "200",
                    "dho.data.dir", work.resolve("data").toAbsolutePath().toString()));
        });
    }

    /** The server's data directory (its XUA trust store lives there): next to its log. */
    static Path dataDir(PayaraMicroProcess server) {
        return server.log().getParent().resolve("data");
    }

    private static PayaraMicroProcess start(Path work, Map<String, String> properties) throws IOException {
        Path war = Path.of(System.getProperty("registry.war", "target/registry.war"));
        Path microJar = Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"));
        return PayaraMicroProcess.start(microJar, List.of(new PayaraMicroProcess.Deployment(war, "/registry")),
                properties, work, List.of(READY), Duration.ofMinutes(3));
    }

    private static Path fresh(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
