package no.dhoindex.conformance.security;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.SharedServer;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XuaCaller;

/**
 * The whole stack as {@code ./dho start} runs it, once for the security suite: registry, trust anchor,
 * demo DHO platform, the adapters as {@code kommune} (FHIR platform, on-demand pointers) and
 * {@code sykehus} (repository), and the gateway, all on one Payara Micro on 127.0.0.1.
 */
final class SecurityStack {

    static final String KOMMUNE_HOME = "urn:oid:2.16.578.1.12.4.1.7.1.3";
    static final String KOMMUNE_REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";
    static final String SYKEHUS_HOME = "urn:oid:2.16.578.1.12.4.1.7.1.2";
    static final String SYKEHUS_REPOSITORY = "2.16.578.1.12.4.1.7.1.2.1";
    static final Path WORK = Path.of("target", "it-security").toAbsolutePath();

    /** The organisations' SOAP and REST endpoints the suite holds to account, by name. */
    static final List<String> ORGANISATIONS = List.of("sykehus", "kommune");

    private SecurityStack() {
    }

    static PayaraMicroProcess server() {
        return SharedServer.get("security-stack", () -> {
            Path stack = Path.of(System.getProperty("stack.dir", "target/it-stack"));
            fresh(WORK);
            int port = PayaraMicroProcess.freePort();
            String base = "http://127.0.0.1:" + port;
            return PayaraMicroProcess.start(stack.resolve("payara-micro.jar"), List.of(
                            new Deployment(stack.resolve("registry.war"), "/registry"),
                            new Deployment(stack.resolve("demo-platform.war"), "/demo-platform"),
                            new Deployment(stack.resolve("trust-anchor.war"), "/trust"),
                            new Deployment(stack.resolve("adapters-kommune.war"), "/adapters/kommune"),
                            new Deployment(stack.resolve("adapters-sykehus.war"), "/adapters/sykehus"),
                            new Deployment(stack.resolve("gateway.war"), "/gateway")),
                    settings(base), WORK, List.of("/registry/services/registry?wsdl", "/demo-platform/fhir/metadata",
                            "/trust/jwks", "/adapters/kommune/services/xca?wsdl", "/adapters/sykehus/services/xca?wsdl",
                            "/gateway/services/xca?wsdl"),
                    Duration.ofMinutes(Long.getLong("stack.startMinutes", 8)), port);
        });
    }

    private static Map<String, String> settings(String base) {
        // As ./dho start configures it (demo/organisations, keys and trust provisioned under the data directory).
        Map<String, String> settings = new LinkedHashMap<>(DemoConfiguration.oneJvm(base, WORK.resolve("data"),
                DemoOrganisations.demo().only(ORGANISATIONS.toArray(String[]::new))));
        settings.put("dho.adapters.kommune.poll.millis", "500");
        // The suite asks about access, not speed: on a busy machine a slow source must not look like a refusal.
        settings.put("dho.gateway.deadlineMillis", "30000");
        settings.put("dho.gateway.registry.deadlineMillis", "25000");
        for (String org : ORGANISATIONS) {
            settings.put("dho.gateway.community." + org + ".deadlineMillis", "25000");
        }
        settings.put("dho.gateway.breaker.failures", "1000");
        return settings;
    }

    static URI uri(String path) {
        return server().uri(path);
    }

    static URI registry() {
        return uri("/registry/services/registry");
    }

    static URI repository(String organisation) {
        return uri("/adapters/" + organisation + "/services/repository");
    }

    static URI xca(String organisation) {
        return uri("/adapters/" + organisation + "/services/xca");
    }

    static URI gateway() {
        return uri("/gateway/services/xca");
    }

    static String home(String organisation) {
        return organisation.equals("kommune") ? KOMMUNE_HOME : SYKEHUS_HOME;
    }

    static String repositoryUniqueId(String organisation) {
        return organisation.equals("kommune") ? KOMMUNE_REPOSITORY : SYKEHUS_REPOSITORY;
    }

    private static volatile XuaCaller gatewayLike;
    private static volatile SystemCaller hospitalEhr;

    /** A trusted gateway as the sources see it: its key in the stack's XUA trust store. */
    static synchronized XuaCaller xua() {
        if (gatewayLike == null) {
            server();
            gatewayLike = new XuaCaller(WORK.resolve("suite-xua"), WORK.resolve("data/xua-trusted"));
        }
        return gatewayLike;
    }

    /** The hospital's EHR system, which provides documents to the hospital's repository under its own token. */
    static synchronized SystemCaller hospitalEhr() {
        if (hospitalEhr == null) {
            hospitalEhr = new SystemCaller(uri("/trust"), SystemCaller.SYKEHUS_EHR, SystemCaller.PROVIDE);
        }
        return hospitalEhr;
    }

    private static void fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }
}
