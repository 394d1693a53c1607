package no.dhoindex.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A responding gateway (or registry) on loopback that answers every ITI-38 / ITI-18 with the same
 * {@code entries} DocumentEntries after a fixed delay: the stand-in for a community whose own
 * latency is known, so the gateway's overhead can be measured against it. A delay of null never
 * answers (the connection is held open).
 */
final class SimulatedCommunity implements AutoCloseable {

    private static final Pattern MESSAGE_ID = Pattern.compile("MessageID[^>]*>([^<]+)<");

    static {
        // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK:
        // a 40 ms stall per answer that a real responding gateway (Grizzly) does not have.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final String homeCommunityId;

    SimulatedCommunity(String name, String homeCommunityId, int entries, Duration delay, ExecutorService threads)
            throws IOException {
        this.homeCommunityId = homeCommunityId;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        String body = answer(name, entries);
        server.createContext("/", exchange -> handle(exchange, body, delay));
        server.setExecutor(threads);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/xca");
    }

    String homeCommunityId() {
        return homeCommunityId;
    }

    private static void handle(HttpExchange exchange, String body, Duration delay) throws IOException {
        String request;
        try (InputStream in = exchange.getRequestBody()) {
            request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (delay == null) {
                Thread.sleep(Long.MAX_VALUE);
            }
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Matcher id = MESSAGE_ID.matcher(request);
        String relatesTo = id.find() ? id.group(1) : "urn:uuid:unknown";
        byte[] reply = ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>"
                + "<a:Action>urn:ihe:iti:2007:CrossGatewayQueryResponse</a:Action>"
                + "<a:RelatesTo>" + relatesTo + "</a:RelatesTo></s:Header><s:Body>" + body + "</s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/soap+xml; charset=UTF-8");
        exchange.sendResponseHeaders(200, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }

    /** An AdhocQueryResponse with {@code entries} minimal DocumentEntries, uniqueIds unique per community. */
    private static String answer(String name, int entries) {
        StringBuilder x = new StringBuilder("<q:AdhocQueryResponse xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:r=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\"><r:RegistryObjectList>");
        for (int i = 0; i < entries; i++) {
            String uid = "2.25.4711." + Math.abs(name.hashCode()) + "." + i;
            x.append("<r:ExtrinsicObject id=\"urn:uuid:").append(java.util.UUID.nameUUIDFromBytes((name + i).getBytes()))
                    .append("\" mimeType=\"application/fhir+json\" objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\"")
                    .append(" status=\"urn:oasis:names:tc:ebxml-regrep:StatusType:Approved\">")
                    // A valid day of the month (the gateway refuses an answer with an impossible time, e.g. day 00).
                    .append("<r:Slot name=\"creationTime\"><r:ValueList><r:Value>")
                    .append(String.format(java.util.Locale.ROOT, "202611%02d120000", i % 28 + 1))
                    .append("</r:Value></r:ValueList></r:Slot>")
                    .append("<r:ExternalIdentifier id=\"urn:uuid:").append(java.util.UUID.randomUUID())
                    .append("\" registryObject=\"x\" identificationScheme=\"urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab\"")
                    .append(" value=\"").append(uid).append("\"/></r:ExtrinsicObject>");
        }
        return x.append("</r:RegistryObjectList></q:AdhocQueryResponse>").toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
