package no.dhoindex.shared.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessReportTest {

    @Test
    void oneNotReadyPartMakesTheReportDownAndSaysWhy() {
        ReadinessReport report = ReadinessReport.of("/adapters/kommune")
                .ready("database", "answers")
                .check("registry", "reachable", () -> Optional.of("connection refused"))
                .check("platform", "reachable", () -> {
                    throw new IllegalStateException("no platform.url");
                });
        assertFalse(report.isUp());
        assertEquals("/adapters/kommune", report.name());
        assertEquals("answers", report.data().get("database"));
        assertEquals("DOWN: connection refused", report.data().get("registry"));
        assertEquals("DOWN: no platform.url", report.data().get("platform"));
    }

    @Test
    void allPartsReadyIsUp() {
        assertTrue(ReadinessReport.of("/registry").check("database", "answers", Optional::empty).isUp());
    }

    @Test
    void aServiceNotDeployedOrFailingIsUnreachableOneAskingForCredentialsIsThere() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", e -> respond(e, 200));
        server.createContext("/auth", e -> respond(e, 401));
        server.createContext("/broken", e -> respond(e, 503));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Duration t = Duration.ofSeconds(5);
            assertTrue(ReadinessReport.unreachable(URI.create(base + "/ok"), t).isEmpty());
            assertTrue(ReadinessReport.unreachable(URI.create(base + "/auth"), t).isEmpty());
            assertTrue(ReadinessReport.unreachable(URI.create(base + "/missing"), t).orElseThrow().contains("404"));
            assertTrue(ReadinessReport.unreachable(URI.create(base + "/broken"), t).orElseThrow().contains("503"));
        } finally {
            server.stop(0);
        }
        int closed = closedPort();
        assertTrue(ReadinessReport.unreachable(URI.create("http://127.0.0.1:" + closed + "/x"), Duration.ofSeconds(2))
                .orElseThrow().contains("unreachable"));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange e, int status) throws java.io.IOException {
        e.sendResponseHeaders(status, -1);
        e.close();
    }

    private static int closedPort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
