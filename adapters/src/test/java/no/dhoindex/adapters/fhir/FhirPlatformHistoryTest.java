package no.dhoindex.adapters.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter reads a FHIR server's type-level history as HAPI FHIR answers it (a deletion: an
 * entry with {@code request.method = DELETE}, its version in {@code request.url}, no resource and
 * no time), the version before a deletion by vread, and takes a refused history read as "not
 * offered". A small HTTP server on the loopback interface answers with fixed Bundles.
 */
class FhirPlatformHistoryTest {

    private static final String KARI = "15077510041";
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private FhirPlatform platform;

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/fhir", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath().substring("/fhir".length());
                Answer answer = answers.getOrDefault(path, new Answer(200, bundle("")));
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
        platform = new FhirPlatform();
        platform.settings = new OrganisationSettings() {
            @Override
            public Duration outboundTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public URI platformUrl() {
                return base;
            }

            @Override
            public Organisation organisation() {
                return new Organisation("kommune", "Demo kommune", "921234567", Organisation.Kind.FHIR,
                        "urn:oid:1.2.3", "1.2.3.1", "1.2.3");
            }
        };
        platform.connect();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String bundle(String entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[" + entries + "]}";
    }

    private static String observation(String id, String version, String lastUpdated) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"" + version
                + "\",\"lastUpdated\":\"" + lastUpdated + "\"},\"status\":\"final\",\"code\":{\"coding\":[{"
                + "\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},\"subject\":{\"identifier\":{\"system\":"
                + "\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\"" + KARI + "\"}},"
                + "\"effectiveDateTime\":\"2026-11-01T08:00:00Z\"}";
    }

    @Test
    void versionsAreChangesAndADeletionIsReadFromItsRequest() {
        answers.put("/Observation/_history", new Answer(200, bundle(
                "{\"fullUrl\":\"http://x/fhir/Observation/7\",\"request\":{\"method\":\"DELETE\","
                        + "\"url\":\"Observation/7/_history/3\"},\"response\":{\"status\":\"200 OK\","
                        + "\"etag\":\"W/\\\"3\\\"\"}},"
                        + "{\"fullUrl\":\"http://x/fhir/Observation/8\",\"resource\":"
                        + observation("8", "2", "2026-12-02T10:00:01.500Z")
                        + ",\"request\":{\"method\":\"PUT\",\"url\":\"Observation/8/_history/2\"}}")));

        PlatformReads.Changes read = platform.historySince(Instant.parse("2026-12-02T10:00:00Z"));

        assertEquals(List.of(new PlatformReads.Change(KARI, DataKind.MEASUREMENTS, "Observation/8",
                "Observation/8/_history/2", Instant.parse("2026-12-02T10:00:01.500Z"))), read.changes());
        assertEquals(List.of(new PlatformReads.Deletion(DataKind.MEASUREMENTS, "Observation/7",
                "Observation/7/_history/3", null)), read.deletions());
        assertEquals(Instant.parse("2026-12-02T10:00:01.500Z"), read.readUpTo());
    }

    @Test
    void theVersionBeforeADeletionSaysWhoseItWasAndAGoneOneSaysNothing() {
        answers.put("/Observation/7/_history/2", new Answer(200, observation("7", "2", "2026-12-02T09:00:00Z")));
        answers.put("/Observation/9/_history/1", new Answer(410, "{\"resourceType\":\"OperationOutcome\"}"));

        assertEquals(Optional.of(KARI), platform.subjectBefore(new PlatformReads.Deletion(DataKind.MEASUREMENTS,
                "Observation/7", "Observation/7/_history/3", null)));
        assertEquals(Optional.empty(), platform.subjectBefore(new PlatformReads.Deletion(DataKind.MEASUREMENTS,
                "Observation/9", "Observation/9/_history/2", null)));
    }

    @Test
    void aRefusedHistoryReadIsNotOfferedAndAFailingOneIsThePlatformUnavailable() {
        answers.put("/CarePlan/_history", new Answer(400, "{\"resourceType\":\"OperationOutcome\"}"));
        assertThrows(HistoryNotOffered.class, () -> platform.historySince(Instant.EPOCH));

        answers.put("/CarePlan/_history", new Answer(503, "{\"resourceType\":\"OperationOutcome\"}"));
        assertThrows(PlatformUnavailable.class, () -> platform.historySince(Instant.EPOCH));
    }
}
