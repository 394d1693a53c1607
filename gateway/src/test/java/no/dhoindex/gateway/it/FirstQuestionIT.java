package no.dhoindex.gateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoData;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: after the stack reports ready, the very first clinician's question through the gateway is
 * answered in full within the default deadlines (Success with both organisations' entries, no
 * PartialSuccess): the gateway warmed up before it said ready. Its own Payara (the demo's
 * deployments and default deadlines), so that no other test has asked the gateway anything before.
 */
class FirstQuestionIT {

    private static final Path WORK = Path.of("target", "it-first-question").toAbsolutePath();
    private static final String KOMMUNE_REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";
    private static PayaraMicroProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path stack = Path.of(System.getProperty("stack.dir", "target/it-stack"));
        if (Files.exists(WORK)) {
            try (Stream<Path> files = Files.walk(WORK)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(WORK);
        int port = PayaraMicroProcess.freePort();
        String base = "http://127.0.0.1:" + port;
        // The demo as ./dho start configures it: every organisation of demo/organisations, keys and trust provisioned.
        Map<String, String> settings = new LinkedHashMap<>(DemoConfiguration.oneJvm(base, WORK.resolve("data"),
                DemoOrganisations.demo()));
        List<Deployment> deployments = new ArrayList<>(List.of(
                new Deployment(stack.resolve("registry.war"), "/registry"),
                new Deployment(stack.resolve("demo-platform.war"), "/demo-platform"),
                new Deployment(stack.resolve("trust-anchor.war"), "/trust")));
        for (String org : DemoOrganisations.demo().names()) {
            // One copy of the adapters WAR per organisation: Payara names applications after their files.
            Path war = Files.copy(stack.resolve("adapters-sykehus.war"), WORK.resolve("adapters-" + org + ".war"));
            deployments.add(new Deployment(war, "/adapters/" + org));
        }
        deployments.add(new Deployment(Path.of(System.getProperty("gateway.war", "target/gateway.war")), "/gateway"));
        // The gateway's deadlines are its defaults (3 s per source, 5 s in all): what a clinician gets.
        server = PayaraMicroProcess.start(stack.resolve("payara-micro.jar"), deployments,
                settings, WORK, List.of(), Duration.ofMinutes(Long.getLong("stack.startMinutes", 8)), port);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFirstQuestionAfterReadyIsAnsweredInFullByEveryOrganisation() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/health/ready"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"/gateway\""), ready.body());

        // The demo's data, as ./dho start loads it, none of it through the gateway: the hospital's EHR
        // and the GP office provide their documents, the municipality's adapter publishes its on-demand pointers by itself.
        XuaCaller asker = new XuaCaller(WORK.resolve("tools-xua"), WORK.resolve("data").resolve("xua-trusted"));
        URI registry = server.uri("/registry/services/registry");
        DemoData.register(registry, asker, org -> server.uri("/adapters/" + org + "/services/repository"),
                org -> new SystemCaller(server.uri("/trust"), org + "-ehr", SystemCaller.PROVIDE));
        Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> asker.query(registry, GatewayIT.findDocuments(DemoData.PATIENT)),
                r -> r.text().contains(KOMMUNE_REPOSITORY));

        Clinician anne = new Clinician(() -> server.uri("/trust/token"));
        URI gateway = server.uri("/gateway/services/xca");
        long started = System.nanoTime();
        Soap.Reply first = anne.soap(gateway, XdsActions.ITI_18, GatewayIT.findDocuments(DemoData.PATIENT), DemoData.PATIENT);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("event=first-question ms=" + millis + " status=" + first.status());

        assertEquals(Soap.SUCCESS, first.status(), first::toString);
        Set<String> homes = first.elements(Soap.RIM, "ExtrinsicObject").stream().map(e -> e.getAttribute("home"))
                .collect(Collectors.toSet());
        Set<String> everyOrganisation = DemoOrganisations.demo().all().stream()
                .map(DemoOrganisations.Organisation::homeCommunityId).collect(Collectors.toSet());
        assertEquals(everyOrganisation, homes, first::toString);
        assertTrue(first.elements(Soap.RIM, "ExtrinsicObject").size() >= DemoData.DOCUMENTS + 1, first::toString);
    }
}
