package no.dhoindex.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distributed demo's plan: each piece its own settings, each organisation at its own address. */
class DistributedStackTest {

    @TempDir
    Path data;

    private Map<String, DistributedStack.Piece> plan() {
        DemoOrganisations organisations = DemoOrganisations.demo();
        DistributedStack.Plan plan = new DistributedStack.Plan(DistributedStack.Artifacts.in(Path.of("stack")), data,
                DistributedStack.Ports.from(9000, organisations.names()),
                new DistributedStack.Database("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", "demo_schema"),
                "dho-test", Duration.ofMinutes(1), Map.of("dho.gateway.breaker.openMillis", "2000"));
        return DistributedStack.pieces(plan, organisations);
    }

    @Test
    void portsFollowEachOtherFromTheLoadBalancers() {
        DistributedStack.Ports ports = DistributedStack.Ports.from(8080, List.of("fastlege", "kommune", "sykehus"));
        assertEquals(List.of(8080, 8081, 8082), List.of(ports.loadBalancer(), ports.trustAnchor(), ports.registry()));
        assertEquals(Map.of("fastlege", 8083, "kommune", 8084, "sykehus", 8085), ports.adapters());
        assertEquals(List.of(8086, 8087), ports.gateways());
        assertEquals(List.of(8088, 8089), ports.grid());
    }

    @Test
    void everyPieceRunsAloneWithItsOwnSettingsAndDataDirectory() {
        Map<String, DistributedStack.Piece> pieces = plan();
        assertEquals(List.of("trust-anchor", "registry", "adapter-fastlege", "adapter-kommune", "adapter-sykehus",
                "gateway-a", "gateway-b"), List.copyOf(pieces.keySet()));
        for (DistributedStack.Piece piece : pieces.values()) {
            assertEquals(data.resolve(piece.name()).toString(), piece.settings().get("dho.data.dir"), piece.name());
            assertEquals("http://127.0.0.1:9001/trust", piece.settings().get("dho.trust.issuer"), piece.name());
            assertEquals("2000", piece.settings().get("dho.gateway.breaker.openMillis"), "overrides reach " + piece.name());
        }
        DistributedStack.Piece registry = pieces.get("registry");
        assertEquals("demo_schema", registry.settings().get("dho.registry.db.schema"));
        assertTrue(registry.settings().containsKey("dho.registry.organisation.923456783.oids"));
        assertFalse(registry.settings().keySet().stream().anyMatch(k -> k.startsWith("dho.adapters.")),
                "the registry gets no organisation's adapter settings");
        assertTrue(pieces.get("trust-anchor").settings().containsKey("dho.trust.system.fastlege-ehr.orgnr"));
    }

    @Test
    void eachOrganisationIsAtItsOwnAddressAndKommuneHasItsPlatformBesideIt() {
        Map<String, DistributedStack.Piece> pieces = plan();
        DistributedStack.Piece kommune = pieces.get("adapter-kommune");
        assertEquals(9004, kommune.port());
        assertEquals(List.of("/demo-platform", "/adapters/kommune"), kommune.deployments().stream()
                .map(PayaraMicroProcess.Deployment::contextRoot).toList());
        assertEquals("http://127.0.0.1:9004/demo-platform/fhir", kommune.settings().get("dho.adapters.kommune.platform.url"));
        assertEquals("http://127.0.0.1:9002/registry/services/registry", kommune.settings().get("dho.registry.url"));
        assertNull(kommune.settings().get("dho.adapters.sykehus.orgnr"), "one organisation per adapter JVM");
        assertNull(kommune.cluster(), "only the gateway nodes join the data grid");
        assertEquals(List.of("/adapters/sykehus"), pieces.get("adapter-sykehus").deployments().stream()
                .map(PayaraMicroProcess.Deployment::contextRoot).toList());
    }

    @Test
    void theTwoGatewayNodesAskEachOrganisationAtItsOwnPortAndShareTheirStateOnTheGrid() {
        Map<String, DistributedStack.Piece> pieces = plan();
        for (String node : DistributedStack.GATEWAYS) {
            Map<String, String> s = pieces.get(node).settings();
            assertEquals("payara", s.get("dho.gateway.grid"));
            assertEquals("http://127.0.0.1:9003/adapters/fastlege/services/xca", s.get("dho.gateway.community.fastlege.url"));
            assertEquals("http://127.0.0.1:9005/adapters/sykehus/services/xca", s.get("dho.gateway.community.sykehus.url"));
            assertEquals(new PayaraMicroProcess.Cluster("dho-test", pieces.get(node).cluster().port(), List.of(9008, 9009)),
                    pieces.get(node).cluster());
        }
        assertEquals(List.of(9006, 9007), DistributedStack.GATEWAYS.stream().map(n -> pieces.get(n).port()).toList());
    }

    @Test
    void theLoadBalancerListensOnLoopbackChecksReadinessAndRetriesOnlyConnectionFailures() {
        String config = LoadBalancer.configuration(8080, List.of(8086, 8087));
        assertTrue(config.contains("bind 127.0.0.1:8080\n"), config);
        assertTrue(config.contains("option httpchk GET /health/ready\n"), config);
        assertTrue(config.contains("server gateway-a 127.0.0.1:8086 check\n"), config);
        assertTrue(config.contains("server gateway-b 127.0.0.1:8087 check\n"), config);
        assertTrue(config.contains("option redispatch"), config);
        assertTrue(config.contains("retry-on conn-failure\n"), "a request a node received is never sent again: " + config);
    }
}
