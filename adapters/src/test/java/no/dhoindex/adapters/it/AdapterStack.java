package no.dhoindex.adapters.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.SystemCaller;

/**
 * The stack the adapters work in, once per test run: the registry, the demo DHO platform, and
 * the adapters WAR deployed three times, as {@code kommune} (FHIR), {@code sykehus} (repository)
 * and {@code fjellbygd} (FHIR, its platform reached through a {@link PlatformProxy} the tests can
 * take down or make send malformed resources).
 */
final class AdapterStack {

    static final String KOMMUNE_REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";
    static final String SYKEHUS_REPOSITORY = "2.16.578.1.12.4.1.7.1.2.1";
    static final String FJELLBYGD_REPOSITORY = Fjellbygd.REPOSITORY;

    private static volatile PlatformProxy fjellbygdPlatform;
    private static volatile DelayingProxy registryProxy;
    /** The outbound timeout of the organisations whose registry calls go through {@link #registryProxy()}. */
    static final Duration PROXIED_TIMEOUT = Duration.ofMillis(2000);

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
            Path fjellbygd = Files.copy(adapters, work.resolve("adapters-fjellbygd.war"),
                    StandardCopyOption.REPLACE_EXISTING);
            int port = PayaraMicroProcess.freePort();
            String base = "http://127.0.0.1:" + port;
            // Up before Payara, so that fjellbygd's first polls find it (answering 502 until the platform is).
            fjellbygdPlatform = SharedServer.get("fjellbygd-platform",
                    () -> PlatformProxy.start(URI.create(base + "/demo-platform/fhir")));
            // sykehus and fjellbygd reach the registry through a proxy that can hold its answers back.
            registryProxy = SharedServer.get("registry-proxy", () -> DelayingProxy.start(port));
            return PayaraMicroProcess.start(Path.of(System.getProperty("payara.microJar")), List.of(
                            new Deployment(stack.resolve("registry.war"), "/registry"),
                            new Deployment(stack.resolve("demo-platform.war"), "/demo-platform"),
                            new Deployment(stack.resolve("trust-anchor.war"), "/trust"),
                            new Deployment(kommune, "/adapters/kommune"),
                            new Deployment(sykehus, "/adapters/sykehus"),
                            new Deployment(fjellbygd, "/adapters/fjellbygd")),
                    settings(work, base), work, List.of("/registry/services/registry?wsdl", "/demo-platform/fhir/metadata",
                            "/trust/.well-known/openid-configuration",
                            "/adapters/kommune/services/repository?wsdl", "/adapters/sykehus/services/repository?wsdl",
                            "/adapters/fjellbygd/services/repository?wsdl"),
                    // Six applications on a shared, busy build machine can take longer than four minutes to deploy.
                    Duration.ofMinutes(Long.getLong("stack.startMinutes", 8)), port);
        });
    }

    private static Map<String, String> settings(Path work, String base) {
        Map<String, String> settings = Fjellbygd.addTo(new java.util.LinkedHashMap<>(DemoConfiguration.oneJvm(base,
                work.resolve("data").toAbsolutePath(), DemoOrganisations.demo().only("kommune", "sykehus"))),
                fjellbygdPlatform.base().toString());
        settings.put("dho.adapters.kommune.poll.millis", "500");
        String proxied = "http://127.0.0.1:" + registryProxy.port() + "/registry/services/registry";
        for (String org : List.of("sykehus", "fjellbygd")) {
            settings.put("dho.adapters." + org + ".registry.url", proxied);
            settings.put("dho.adapters." + org + ".timeout.millis", Long.toString(PROXIED_TIMEOUT.toMillis()));
        }
        settings.put("dho.adapters.recovery.millis", "1000");
        // Ambulance workers' names are withheld from a patient reading their own log (SourceAccessLogIT).
        settings.put("dho.accessLog.withheldRoles", "AA");
        // Coordination of care sees the measurements only (minimisation, ATT-5).
        settings.put("dho.adapters.kommune.minimisation.COC", "8716-3");
        return settings;
    }

    private static volatile no.dhoindex.testsupport.XuaCaller xua;

    /** The tests' own "gateway": its certificate in the stack's XUA trust store, its assertions in wsse:Security. */
    static synchronized no.dhoindex.testsupport.XuaCaller xua() {
        server();
        if (xua == null) {
            xua = new no.dhoindex.testsupport.XuaCaller(Path.of("target", "it-adapters-xua"),
                    Path.of("target", "it-adapters", "data", "xua-trusted"));
        }
        return xua;
    }

    private static final Map<String, SystemCaller> SYSTEMS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A demo system of the stack's trust anchor (e.g. sykehus-ehr), with its token for {@code scope}. */
    static SystemCaller system(String clientId, String scope) {
        return SYSTEMS.computeIfAbsent(clientId + " " + scope, k -> new SystemCaller(uri("/trust"), clientId, scope));
    }

    /** ITI-41 to an organisation's repository, from that organisation's own EHR system. */
    static Soap.Reply provide(String org, String body, Map<String, byte[]> parts) {
        return system(org + "-ehr", SystemCaller.PROVIDE).provide(uri("/adapters/" + org + "/services/repository"),
                body, parts);
    }

    /** The organisation's admin API as its own EHR system calls it. */
    static java.net.http.HttpResponse<String> admin(String org, String method, String path) throws Exception {
        URI uri = uri("/adapters/" + org + "/admin" + path);
        var request = java.net.http.HttpRequest.newBuilder(uri).method(method,
                java.net.http.HttpRequest.BodyPublishers.noBody());
        system(org + "-ehr", SystemCaller.ADMIN).headers(method, uri).forEach(request::header);
        return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    /** ITI-43 to an organisation's repository, for a clinician vouched for by the tests' gateway (XUA). */
    static Soap.Reply retrieveFromRepository(String org, String community, String body, String fnr) {
        return Soap.callWithHeader(uri("/adapters/" + org + "/services/repository"), "urn:ihe:iti:2007:RetrieveDocumentSet",
                body, xua().header(fnr, community));
    }

    static URI uri(String path) {
        return server().uri(path);
    }

    /** The proxy in front of fjellbygd's DHO platform. */
    static PlatformProxy fjellbygdPlatform() {
        server();
        return fjellbygdPlatform;
    }

    /** The proxy between sykehus / fjellbygd and the registry. */
    static DelayingProxy registryProxy() {
        server();
        return registryProxy;
    }

    /** The server's log so far (what the adapters logged). */
    static String log() {
        try {
            return new String(Files.readAllBytes(server().log()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
