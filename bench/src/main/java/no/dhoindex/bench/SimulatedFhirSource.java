package no.dhoindex.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import no.dhoindex.testsupport.HeartRatePage;

/**
 * An organisation's FHIR search on loopback that answers every search with the same page of
 * {@code entries} Observations of the patient (newest first, a {@code next} link) after a fixed
 * delay: a source whose own latency is known, so the gateway's cost over it can be measured.
 */
final class SimulatedFhirSource implements AutoCloseable {

    static {
        // As SimulatedCommunity: without TCP_NODELAY the JDK server's writes meet the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final String name;

    SimulatedFhirSource(String name, String nationalId, int entries, Duration delay, ExecutorService threads)
            throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        byte[] body = page(name, nationalId, entries).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> handle(exchange, body, delay));
        server.setExecutor(threads);
        server.start();
    }

    /** Its entry in the gateway's directory file. */
    String directoryLines() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String p = "dho.gateway.community." + name + ".";
        int n = Math.abs(name.hashCode() % 100000);
        return p + "homeCommunityId=urn:oid:2.25.77." + n + "\n"
                + p + "repositoryUniqueIds=2.25.77." + n + ".1\n"
                + p + "url=" + base + "/xca\n"
                + p + "fhirUrl=" + base + "/fhir\n"
                + p + "deadlineMillis=15000\n";
    }

    private static void handle(HttpExchange exchange, byte[] body, Duration delay) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A searchset of {@code entries} heart rates, one an hour back from the hour before now, ids unique per source. */
    private static String page(String name, String nationalId, int entries) {
        // Minutes apart per source, so sources interleave in the merged order.
        Instant newest = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusSeconds(3600)
                .minusSeconds(Math.abs(name.hashCode() % 60) * 60L);
        return HeartRatePage.json(name, nationalId, entries, newest);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
