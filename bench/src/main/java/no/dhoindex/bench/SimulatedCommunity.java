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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A responding gateway (or registry) on loopback that answers every ITI-38 / ITI-18 with
 * {@code entries} complete DocumentEntries of the asked patient after a fixed delay: the stand-in for a community whose own
 * latency is known, so the gateway's overhead can be measured against it. A delay of null never
 * answers (the connection is held open).
 */
final class SimulatedCommunity implements AutoCloseable {

    private static final Pattern MESSAGE_ID = Pattern.compile("MessageID[^>]*>([^<]+)<");
    /** The asked patient's CX, XML-escaped as it stands in the request's slot value ('...'). */
    private static final Pattern PATIENT = Pattern.compile(
            "name=\"\\$XDSDocumentEntryPatientId\"[^>]*>\\s*<(?:\\w+:)?ValueList>\\s*<(?:\\w+:)?Value>'([^'<]*)'");

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
        // One answer per patient asked (the benchmark asks about one), built once.
        Map<String, String> bodies = new ConcurrentHashMap<>();
        server.createContext("/", exchange -> handle(exchange, name,
                patient -> bodies.computeIfAbsent(patient, p -> answer(name, homeCommunityId, entries, p)), delay));
        server.setExecutor(threads);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/xca");
    }

    String homeCommunityId() {
        return homeCommunityId;
    }

    private static void handle(HttpExchange exchange, String name, Function<String, String> answers, Duration delay)
            throws IOException {
        Timeline.record(name, Timeline.Kind.ARRIVED);
        String request;
        try (InputStream in = exchange.getRequestBody()) {
            request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Timeline.record(name, Timeline.Kind.READ);
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
        Matcher patient = PATIENT.matcher(request);
        String body = answers.apply(patient.find() ? patient.group(1) : "");
        byte[] reply = ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>"
                + "<a:Action>urn:ihe:iti:2007:CrossGatewayQueryResponse</a:Action>"
                + "<a:RelatesTo>" + relatesTo + "</a:RelatesTo></s:Header><s:Body>" + body + "</s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/soap+xml; charset=UTF-8");
        exchange.sendResponseHeaders(200, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
        Timeline.record(name, Timeline.Kind.ANSWERED);
    }

    /**
     * An AdhocQueryResponse with {@code entries} DocumentEntries of the asked patient (its CX as the
     * request carries it, XML-escaped), complete per ITI TF-3 as a community answers them: codes,
     * author institution, uniqueId, repositoryUniqueId, hash, size, creationTime; uniqueIds unique per community.
     */
    static String answer(String name, String homeCommunityId, int entries, String patient) {
        StringBuilder x = new StringBuilder(3072 * (entries + 1)).append("<q:AdhocQueryResponse"
                + " xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\"><rim:RegistryObjectList>");
        for (int i = 0; i < entries; i++) {
            String id = "urn:uuid:" + UUID.nameUUIDFromBytes((name + i).getBytes(StandardCharsets.UTF_8));
            // A valid day of the month (the gateway refuses an answer with an impossible time, e.g. day 00).
            String day = String.format(Locale.ROOT, "202611%02d", i % 28 + 1);
            x.append("<rim:ExtrinsicObject id=\"").append(id).append("\" home=\"").append(homeCommunityId)
                    .append("\" mimeType=\"application/fhir+json\"")
                    .append(" objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\"")
                    .append(" status=\"urn:oasis:names:tc:ebxml-regrep:StatusType:Approved\">");
            SubmissionFactory.slot(x, "creationTime", day + "120000");
            SubmissionFactory.slot(x, "hash", "4cf4f82d78b5e2aac35c31bca8cb79fe6bd6a41e");
            SubmissionFactory.slot(x, "size", "2048");
            SubmissionFactory.slot(x, "languageCode", "nb-NO");
            SubmissionFactory.slot(x, "repositoryUniqueId", "2.16.578.1.12.4.1.7.1.2." + Math.abs(name.hashCode()));
            SubmissionFactory.slot(x, "serviceStartTime", day + "080000");
            SubmissionFactory.slot(x, "sourcePatientId", patient);
            x.append("<rim:Name><rim:LocalizedString value=\"Måleserie ").append(i).append("\"/></rim:Name>");
            x.append("<rim:Classification classificationScheme=\"urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d\""
                    + " classifiedObject=\"").append(id).append("\" nodeRepresentation=\"\">");
            SubmissionFactory.slot(x, "authorPerson", "^Sykepleier^Ola^^^");
            SubmissionFactory.slot(x, "authorInstitution", "Demo kommune^^^^^&amp;2.16.578.1.12.4.1.4.101&amp;ISO^^^^974600951");
            x.append("</rim:Classification>");
            SubmissionFactory.code(x, id, "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a",
                    SubmissionFactory.CLASS_CODES.get(i % SubmissionFactory.CLASS_CODES.size()), "2.16.578.1.12.4.1.1.9602");
            SubmissionFactory.code(x, id, "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f", "N", "2.16.578.1.12.4.1.1.9603");
            SubmissionFactory.code(x, id, "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d",
                    "urn:ihe:iti:xds:2017:mimeTypeSufficient", "1.3.6.1.4.1.19376.1.2.3");
            SubmissionFactory.code(x, id, "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1", "86", "2.16.578.1.12.4.1.1.1303");
            SubmissionFactory.code(x, id, "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead", "1", "2.16.578.1.12.4.1.1.8653");
            SubmissionFactory.code(x, id, "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983", "A03-1", "2.16.578.1.12.4.1.1.9602");
            SubmissionFactory.identifier(x, id, "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427", patient,
                    "XDSDocumentEntry.patientId");
            SubmissionFactory.identifier(x, id, "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab",
                    "2.25.4711." + Math.abs(name.hashCode()) + "." + i, "XDSDocumentEntry.uniqueId");
            x.append("</rim:ExtrinsicObject>");
        }
        return x.append("</rim:RegistryObjectList></q:AdhocQueryResponse>").toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
