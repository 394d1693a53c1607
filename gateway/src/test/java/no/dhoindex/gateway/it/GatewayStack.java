package no.dhoindex.gateway.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.Fjellbygd;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.SharedServer;

/**
 * The whole stack once per test run: registry, demo DHO platform, the adapters as {@code kommune}
 * and {@code fjellbygd} (two municipalities with FHIR platforms, a second source of measurements)
 * and {@code sykehus} (repository), and the gateway, whose directory is a file the tests rewrite
 * to add and remove communities while it runs.
 */
final class GatewayStack {

    static final String KOMMUNE = "urn:oid:2.16.578.1.12.4.1.7.1.3";
    static final String SYKEHUS = "urn:oid:2.16.578.1.12.4.1.7.1.2";
    static final String SYKEHUS_REPOSITORY = "2.16.578.1.12.4.1.7.1.2.1";
    static final String FJELLBYGD = Fjellbygd.HOME_COMMUNITY_ID;
    static final String FJELLBYGD_REPOSITORY = Fjellbygd.REPOSITORY;
    static final Path WORK = Path.of("target", "it-gateway").toAbsolutePath();
    static final Path DIRECTORY = WORK.resolve("gateway-communities.properties");
    /** Generous for a busy two-core machine; the tests about deadlines set their sources' own, shorter ones. */
    static final long OVERALL_DEADLINE_MILLIS = 8000;

    private GatewayStack() {
    }

    static PayaraMicroProcess server() {
        return SharedServer.get("gateway-stack", () -> {
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
                            new Deployment(stack.resolve("adapters-fjellbygd.war"), "/adapters/fjellbygd"),
                            new Deployment(Path.of(System.getProperty("gateway.war", "target/gateway.war")), "/gateway")),
                    settings(base),
                    WORK, List.of("/registry/services/registry?wsdl", "/demo-platform/fhir/metadata", "/trust/jwks",
                            "/adapters/kommune/services/xca?wsdl", "/adapters/sykehus/services/xca?wsdl",
                            "/adapters/fjellbygd/services/xca?wsdl",
                            "/gateway/services/xca?wsdl"),
                    // Seven deployments on a shared two-core machine: a generous bound, polled, not waited out.
                    Duration.ofMinutes(Long.getLong("stack.startMinutes", 8)), port);
        });
    }

    private static volatile no.dhoindex.testsupport.SystemCaller hospitalEhr;

    /** The hospital's EHR system, providing documents to the hospital's repository under its own token. */
    static synchronized no.dhoindex.testsupport.SystemCaller hospitalEhr() {
        if (hospitalEhr == null) {
            hospitalEhr = new no.dhoindex.testsupport.SystemCaller(uri("/trust"),
                    no.dhoindex.testsupport.SystemCaller.SYKEHUS_EHR, no.dhoindex.testsupport.SystemCaller.PROVIDE);
        }
        return hospitalEhr;
    }

    private static Map<String, String> settings(String base) {
        // The demo's kommune and sykehus (demo/organisations), keys and trust as ./dho provisions them, and fjellbygd.
        Map<String, String> settings = Fjellbygd.addTo(new java.util.LinkedHashMap<>(DemoConfiguration.oneJvm(base,
                WORK.resolve("data"), DemoOrganisations.demo().only("kommune", "sykehus"))), base + "/demo-platform/fhir");
        settings.put("dho.adapters.kommune.poll.millis", "500");
        settings.put("dho.gateway.communities", "kommune,sykehus,fjellbygd");
        settings.put("dho.gateway.community.fjellbygd.homeCommunityId", FJELLBYGD);
        settings.put("dho.gateway.community.fjellbygd.url", base + "/adapters/fjellbygd/services/xca");
        settings.put("dho.gateway.community.fjellbygd.repositoryUniqueIds", FJELLBYGD_REPOSITORY);
        // The web app's names for fjellbygd (the demo's organisations get theirs from demo/organisations).
        settings.put("dho.gateway.community.fjellbygd.displayName", "Fjellbygd kommune");
        settings.put("dho.gateway.organisationNames", settings.get("dho.gateway.organisationNames") + ";"
                + no.dhoindex.testsupport.Fjellbygd.ORGNR + "=Fjellbygd kommune");
        settings.put("dho.gateway.deadlineMillis", Long.toString(OVERALL_DEADLINE_MILLIS));
        settings.put("dho.gateway.registry.deadlineMillis", "5000");
        settings.put("dho.gateway.accessLogDeadlineMillis", "20000");
        settings.put("dho.gateway.directory.file", DIRECTORY.toString());
        // The registry serves a narrower set of purposes than the gateway: an ETREAT question passes the
        // gateway and is refused by the registry (the refusal tests).
        settings.put("dho.registry.purposesOfUse", "TREAT,COC");
        return settings;
    }

    static URI uri(String path) {
        return server().uri(path);
    }

    /** The directory file: kommune and sykehus plus {@code extra} lines (another community). */
    static void directory(String extraCommunity, String extraLines) throws IOException {
        String base = "http://127.0.0.1:" + server().uri("/").getPort();
        String text = "dho.gateway.communities=kommune,sykehus" + (extraCommunity == null ? "" : "," + extraCommunity) + "\n"
                + "dho.gateway.community.kommune.homeCommunityId=" + KOMMUNE + "\n"
                + "dho.gateway.community.kommune.url=" + base + "/adapters/kommune/services/xca\n"
                + "dho.gateway.community.kommune.repositoryUniqueIds=2.16.578.1.12.4.1.7.1.3.1\n"
                + "dho.gateway.community.sykehus.homeCommunityId=" + SYKEHUS + "\n"
                + "dho.gateway.community.sykehus.url=" + base + "/adapters/sykehus/services/xca\n"
                + "dho.gateway.community.sykehus.repositoryUniqueIds=" + SYKEHUS_REPOSITORY + "\n"
                + (extraLines == null ? "" : extraLines);
        Path temporary = DIRECTORY.resolveSibling(DIRECTORY.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        // Replace atomically, and make sure the modification time moves on even within one second.
        Files.move(temporary, DIRECTORY, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(DIRECTORY, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
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
