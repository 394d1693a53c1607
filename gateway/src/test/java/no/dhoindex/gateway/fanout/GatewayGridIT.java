package no.dhoindex.gateway.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.state.GatewayState;
import no.dhoindex.shared.state.BreakerStates;
import no.dhoindex.shared.state.LocalBreakerStates;
import no.dhoindex.shared.trust.ReplayCache;
import no.dhoindex.shared.trust.UsedProofs;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.PayaraMicroProcess;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's shared state on Payara's data grid, in the container: Arquillian starts node A (a
 * clustered Payara Micro, TCP discovery on 127.0.0.1, a cluster name of this run) with the gateway's
 * state classes in a ShrinkWrap archive; the test starts node B of the same cluster with the same
 * archive (Arquillian manages one container per configuration), and a third server without the
 * data grid. The archive's {@link GridProbe} uses the state exactly as the gateway injects it.
 */
@ExtendWith({GridCluster.class, ArquillianExtension.class})
class GatewayGridIT {

    private static final Duration START = Duration.ofMinutes(Long.getLong("stack.startMinutes", 8));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path WORK = Path.of("target", "grid-it").toAbsolutePath();
    private static final String CONTEXT = "/gateway-grid";

    private static PayaraMicroProcess nodeB;

    @ArquillianResource
    URL nodeA;

    @Deployment(testable = false)
    static WebArchive gatewayState() {
        return ShrinkWrap.create(WebArchive.class, "gateway-grid.war")
                .addPackage(GatewayState.class.getPackage())
                .addClasses(GatewaySettings.class, GatewaySettings.Grid.class, CircuitBreakers.class,
                        UsedProofs.class, ReplayCache.class, BreakerStates.class, BreakerStates.State.class,
                        LocalBreakerStates.class, GridProbe.class, GridProbe.Application.class,
                        no.dhoindex.shared.config.RequiredSettings.class)
                // As a gateway node of a cluster is configured; its other required settings present but unused here
                // (the archive holds the state classes, not the fan-out, nor token checks).
                .addAsResource(new StringAsset("dho.gateway.grid=payara\ndho.registry.url=http://127.0.0.1:1/unused\n"
                        + "dho.gateway.communities=unused\ndho.gateway.security=off\n"), "META-INF/microprofile-config.properties");
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aProofIdIsAcceptedOnce() {
        String jti = UUID.randomUUID().toString();
        assertEquals("first", post(atA("proofs/" + jti)));
        assertEquals("replay", post(atA("proofs/" + jti)));
        assertEquals("first", post(atA("proofs/" + UUID.randomUUID())));
    }

    @Test
    void aProofIdUsedAtOneNodeIsRefusedAtTheOther() {
        PayaraMicroProcess b = nodeB();
        String jti = UUID.randomUUID().toString();
        assertEquals("first", post(atA("proofs/" + jti)));
        assertEquals("replay", post(at(b, "proofs/" + jti)));
        String other = UUID.randomUUID().toString();
        assertEquals("first", post(at(b, "proofs/" + other)));
        assertEquals("replay", post(atA("proofs/" + other)));

        // The same proof sent to both nodes at once: exactly one of them accepts it, every time.
        for (int i = 0; i < 20; i++) {
            String raced = UUID.randomUUID().toString();
            CompletableFuture<String> atA = CompletableFuture.supplyAsync(() -> post(atA("proofs/" + raced)));
            CompletableFuture<String> atB = CompletableFuture.supplyAsync(() -> post(at(b, "proofs/" + raced)));
            List<String> answers = List.of(atA.join(), atB.join());
            assertEquals(1, answers.stream().filter("first"::equals).count(), "jti " + raced + ": " + answers);
        }
    }

    @Test
    void aBreakerOpenedAtOneNodeIsOpenAtTheOther() {
        PayaraMicroProcess b = nodeB();
        String source = "source-" + UUID.randomUUID();
        // Failures counted at either node add up: the third opens the breaker, wherever it happens.
        assertEquals("closed", post(atA("breakers/" + source + "/failures")));
        assertEquals("closed", post(at(b, "breakers/" + source + "/failures")));
        assertEquals("open", post(atA("breakers/" + source + "/failures")));
        assertEquals("open", get(at(b, "breakers/" + source)));
        // One node's success closes it for both.
        assertEquals("closed", post(at(b, "breakers/" + source + "/successes")));
        assertEquals("closed", get(atA("breakers/" + source)));
    }

    @Test
    void withoutTheDataGridAGatewayAskedToUseItDoesNotStart() throws IOException {
        Path war = export("no-grid");
        Path work = WORK.resolve("no-grid");
        try (PayaraMicroProcess alone = PayaraMicroProcess.start(micro(), List.of(
                new PayaraMicroProcess.Deployment(war, CONTEXT, false)), Map.of(), work, List.of(), Duration.ZERO)) {
            String log = Eventually.await(START, Duration.ofMillis(500), () -> read(alone.log()),
                    l -> l.contains("ready in") || l.contains("dho.gateway.grid=payara, but"));
            assertTrue(log.contains("dho.gateway.grid=payara, but Payara's data grid (Hazelcast) is not enabled"),
                    "the start failure names the setting; log: " + alone.log());
            assertEquals(404, status(alone.uri(CONTEXT + "/probe/grid/members")), "the gateway's state is not served");
        }
    }

    /** Node B: the same archive on a second clustered Payara Micro, once it has joined node A. */
    private synchronized PayaraMicroProcess nodeB() {
        if (nodeB == null) {
            try {
                // The test archive reports no readiness of its own: node B is up when its probe answers.
                nodeB = PayaraMicroProcess.start(micro(), List.of(new PayaraMicroProcess.Deployment(export("node-b"),
                                CONTEXT, false)), Map.of(), WORK.resolve("node-b"), List.of(CONTEXT + "/probe/grid/members"),
                        START, 0, GridCluster.nodeB);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        PayaraMicroProcess b = nodeB;
        assertEquals("2", Eventually.await(START, Duration.ofMillis(500), () -> get(at(b, "members")), "2"::equals),
                "node B joined node A's cluster");
        assertEquals("2", get(atA("members")));
        return b;
    }

    private static Path export(String name) throws IOException {
        Path war = Files.createDirectories(WORK.resolve(name)).resolve("gateway-grid.war");
        gatewayState().as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    private static Path micro() {
        return Path.of(System.getProperty("payara.microJar"));
    }

    private URI atA(String path) {
        // Arquillian names the host as Payara reports it; the listener is on loopback only.
        return URI.create("http://127.0.0.1:" + nodeA.getPort() + CONTEXT + "/probe/grid/" + path);
    }

    private static URI at(PayaraMicroProcess node, String path) {
        return node.uri(CONTEXT + "/probe/grid/" + path);
    }

    private static String post(URI uri) {
        return body(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String get(URI uri) {
        return body(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static String body(HttpRequest request) {
        HttpResponse<String> response = send(request);
        assertEquals(200, response.statusCode(), request.uri() + ": " + response.body());
        return response.body().trim();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status of a GET; 404 too when the server has stopped (Payara Micro may exit on a failed deployment). */
    private static int status(URI uri) {
        try {
            return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build()).statusCode();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.net.ConnectException) {
                return 404;
            }
            throw e;
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
