package no.dhoindex.gateway.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A source's search answer over HTTP: the headers the gateway sends, the body of a 200, a refusal
 * (401/403) told from a failure, a source slower than its deadline given up on, and the connection
 * kept for the next search.
 */
class SourceSearchesTest {

    private static final String PAGE = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}";

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRemoteAddress().getPort() + " " + exchange.getRequestHeaders().getFirst("Accept") + " "
                    + exchange.getRequestHeaders().getFirst("X-Correlation-ID") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = (status == 200 ? PAGE : "{\"resourceType\":\"OperationOutcome\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String get(Duration deadline) throws IOException {
        return new String(SourceSearches.get(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/fhir/Observation?x=1"), deadline, "corr-1", Optional.of("SAML abc"), "kommune"), StandardCharsets.UTF_8);
    }

    @Test
    void aSearchSendsTheGatewaysHeadersAndGetsTheBodyOverOneKeptConnection() throws IOException {
        assertEquals(PAGE, get(Duration.ofSeconds(5)));
        assertEquals(PAGE, get(Duration.ofSeconds(5)));
        assertEquals(2, seen.size());
        String port = seen.get(0).split(" ")[0];
        assertEquals(port + " application/fhir+json corr-1 SAML abc", seen.get(0));
        assertEquals(seen.get(0), seen.get(1), "the second search came over the same connection");
    }

    @Test
    void aRefusalIsTheSourcesStatusAndAFailureAnIOExceptionNamingIt() {
        status = 403;
        assertEquals(403, assertThrows(jakarta.xml.ws.http.HTTPException.class, () -> get(Duration.ofSeconds(5)))
                .getStatusCode());
        status = 401;
        assertEquals(401, assertThrows(jakarta.xml.ws.http.HTTPException.class, () -> get(Duration.ofSeconds(5)))
                .getStatusCode());
        status = 500;
        IOException failed = assertThrows(IOException.class, () -> get(Duration.ofSeconds(5)));
        assertTrue(failed.getMessage().contains("kommune answered HTTP 500"), failed.getMessage());
    }

    @Test
    void aSourceSlowerThanItsDeadlineIsGivenUpOn() {
        delayMillis = 2000;
        assertThrows(SocketTimeoutException.class, () -> get(Duration.ofMillis(200)));
    }
}
