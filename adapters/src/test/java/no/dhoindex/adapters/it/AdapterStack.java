package no.dhoindex.adapters.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.SharedServer;

/**
 * The stack the adapters work in, once per test run: the registry, the demo DHO platform, and
 * the adapters WAR deployed twice, as {@code kommune} (FHIR) and {@code sykehus} (repository).
 */
final class AdapterStack {

    static final String KOMMUNE_REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";
    static final String SYKEHUS_REPOSITORY = "2.16.578.1.12.4.1.7.1.2.1";

    private AdapterStack() {
    }

    static PayaraMicroProcess server() {
        return SharedServer.get("adapter-stack", () -> {
            Path stack = Path.of(System.getProperty("stack.dir", "target/it-stack"));
            Path work = fresh(Path.of("target", "it-adapters"));
            Path adapters = Path.of(System.getProperty("adapters.war", "target/adapters.war"));
            // One WAR per organisation: Payara names applications after their files.
            Path kommune = Files.copy(adapters, work.resolve("adapters-kommune.war"), StandardCopyOption.REPLACE_EXISTING);
            Path sykehus = Files.copy(adapters, work.resolve("adapters-sykehus.war"), StandardCopyOption.REPLACE_EXISTING);
            int port = PayaraMicroProcess.freePort();
            String base = "http://127.0.0.1:" + port;
            return PayaraMicroProcess.start(Path.of(System.getProperty("payara.microJar")), List.of(
                            new Deployment(stack.resolve("registry.war"), "/registry"),
                            new Deployment(stack.resolve("demo-platform.war"), "/demo-platform"),
                            new Deployment(kommune, "/adapters/kommune"),
                            new Deployment(sykehus, "/adapters/sykehus")),
                    Map.of("dho.data.dir", work.resolve("data").toAbsolutePath().toString(),
                            "dho.registry.url", base + "/registry/services/registry",
                            "dho.adapters.kommune.platform.url", base + "/demo-platform/fhir",
                            "dho.adapters.kommune.poll.millis", "500"),
                    work, List.of("/registry/services/registry?wsdl", "/demo-platform/fhir/metadata",
                            "/adapters/kommune/services/repository?wsdl", "/adapters/sykehus/services/repository?wsdl"),
                    Duration.ofMinutes(4), port);
        });
    }

    static URI uri(String path) {
        return server().uri(path);
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
