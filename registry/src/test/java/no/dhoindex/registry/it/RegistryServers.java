package no.dhoindex.registry.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.Directories;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import no.dhoindex.testsupport.SharedServer;
import no.dhoindex.testsupport.SystemCaller;

/** The registry WAR on Payara Micro, once per test run for each database: H2 (file) and PostgreSQL. */
final class RegistryServers {

    static final String READY = "/registry/services/registry?wsdl";

    private RegistryServers() {
    }

    static PayaraMicroProcess h2() {
        return SharedServer.get("registry-h2", () -> {
            Path work = Directories.fresh(Path.of("target", "it-h2"));
            return start(work, Map.of("dho.data.dir", work.resolve("data").toAbsolutePath().toString(),
                    "dho.registry.query.maxResults", "200"));
        });
    }

    static PayaraMicroProcess postgres() {
        return SharedServer.get("registry-postgres", () -> {
            Path work = Directories.fresh(Path.of("target", "it-postgres"));
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

    /** The local trust anchor beside the registry: the tests' organisation systems get their tokens there. */
    static URI trustAnchor(PayaraMicroProcess server) {
        return server.uri("/trust");
    }

    /** The demo hospital's adapter, registering its own pointers (the samples name the hospital as source). */
    static SystemCaller hospital(PayaraMicroProcess server) {
        return HOSPITALS.computeIfAbsent(server, s -> new SystemCaller(trustAnchor(s), SystemCaller.SYKEHUS_ADAPTER,
                SystemCaller.REGISTER));
    }

    private static final Map<PayaraMicroProcess, SystemCaller> HOSPITALS = new java.util.concurrent.ConcurrentHashMap<>();

    static PayaraMicroProcess start(Path work, Map<String, String> properties) throws IOException {
        Path war = Path.of(System.getProperty("registry.war", "target/registry.war"));
        Path trust = Path.of(System.getProperty("trust-anchor.war", "target/trust-anchor.war"));
        Path microJar = Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"));
        int port = PayaraMicroProcess.freePort();
        // The registry and the demo trust anchor as ./dho configures them (demo/organisations: the arcs and systems;
        // the XUA trust store provisioned under the data directory), then what the test sets.
        Path data = Path.of(properties.getOrDefault("dho.data.dir", work.resolve("data").toAbsolutePath().toString()));
        Map<String, String> all = new HashMap<>(DemoConfiguration.oneJvm("http://127.0.0.1:" + port, data,
                DemoOrganisations.demo()));
        all.putAll(properties);
        return PayaraMicroProcess.start(microJar, List.of(new PayaraMicroProcess.Deployment(war, "/registry"),
                        new PayaraMicroProcess.Deployment(trust, "/trust")),
                all, work, List.of(READY, "/trust/.well-known/openid-configuration"),
                Duration.ofMinutes(Long.getLong("stack.startMinutes", 6)), port);
    }
}
