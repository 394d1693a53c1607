package no.dhoindex.gateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: answers travel compressed when the client asks ({@code Accept-Encoding: gzip}) — SOAP, FHIR and
 * the services' descriptions, from every deployable — and plain when it does not. The server settings are
 * deploy/payara-preboot.asadmin, the file every piece is started with; the bytes each answer took are printed.
 */
class CompressionIT extends StackTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What came over the wire, and the body once decoded. */
    record Answer(int status, Optional<String> encoding, int wireBytes, String text) {
    }

    @Test
    void aSoapAnswerIsCompressedWhenTheClientAsksAndPlainWhenItDoesNot() {
        URI gateway = GatewayStack.uri("/gateway/services/xca");
        String token = Clinician.ANNE.token(Samples.PATIENT_A, "TREAT");
        // Waits for kommune's on-demand pointers, so that the answer is more than a bare status.
        Answer compressed = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> findDocuments(gateway, token, true), a -> a.text().contains("ExtrinsicObject"));
        Answer plain = findDocuments(gateway, token, false);

        assertEquals(200, compressed.status(), compressed::text);
        assertEquals(Optional.of("gzip"), compressed.encoding());
        assertEquals(Soap.SUCCESS, status(compressed.text()), compressed::text);
        assertEquals(Optional.empty(), plain.encoding());
        assertEquals(status(plain.text()), status(compressed.text()));
        assertTrue(compressed.wireBytes() * 2 < plain.wireBytes(), () -> compressed.wireBytes() + " vs " + plain.wireBytes());
        report("gateway ITI-18", compressed, plain);
    }

    @Test
    void aFhirAnswerIsCompressedWhenTheClientAsks() {
        URI search = GatewayStack.uri("/gateway/fhir/Observation?patient.identifier="
                + Clinician.q("urn:oid:2.16.578.1.12.4.1.4.1|" + Samples.PATIENT_A));
        String token = Clinician.ANNE.token(Samples.PATIENT_A, "TREAT");
        Answer compressed = fhir(search, token, true);
        Answer plain = fhir(search, token, false);

        assertEquals(200, compressed.status(), compressed::text);
        assertEquals(Optional.of("gzip"), compressed.encoding());
        assertTrue(compressed.text().contains("\"resourceType\":\"Bundle\""), compressed::text);
        assertEquals(Optional.empty(), plain.encoding());
        assertTrue(compressed.wireBytes() < plain.wireBytes(), () -> compressed.wireBytes() + " vs " + plain.wireBytes());
        report("gateway FHIR Observation search", compressed, plain);
    }

    @Test
    void everyDeployableCompressesItsServiceDescription() {
        for (String path : new String[] {"/registry/services/registry?wsdl", "/adapters/sykehus/services/xca?wsdl",
                "/adapters/kommune/services/xca?wsdl", "/gateway/services/xca?wsdl", "/gateway/fhir/metadata"}) {
            Answer compressed = send(HttpRequest.newBuilder(GatewayStack.uri(path)).GET(), Map.of(), true);
            assertEquals(200, compressed.status(), path);
            assertEquals(Optional.of("gzip"), compressed.encoding(), path);
            assertTrue(compressed.text().length() > compressed.wireBytes(), path);
        }
    }

    private static Answer findDocuments(URI gateway, String token, boolean gzip) {
        String envelope = Soap.envelope(XdsActions.ITI_18, gateway, GatewayIT.findDocuments(Samples.PATIENT_A));
        Map<String, String> headers = new HashMap<>(Clinician.ANNE.credentials("POST", gateway, token));
        headers.put("Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + XdsActions.ITI_18 + "\"");
        return send(HttpRequest.newBuilder(gateway).POST(HttpRequest.BodyPublishers.ofString(envelope)), headers, gzip);
    }

    private static Answer fhir(URI search, String token, boolean gzip) {
        Map<String, String> headers = new HashMap<>(Clinician.ANNE.credentials("GET", search, token));
        headers.put("Accept", "application/fhir+json");
        return send(HttpRequest.newBuilder(search).GET(), headers, gzip);
    }

    private static Answer send(HttpRequest.Builder request, Map<String, String> headers, boolean gzip) {
        headers.forEach(request::header);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Optional<String> encoding = response.headers().firstValue("Content-Encoding");
            byte[] body = response.body();
            if (encoding.filter("gzip"::equalsIgnoreCase).isPresent()) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            return new Answer(response.statusCode(), encoding, response.body().length,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String status(String soap) {
        int at = soap.indexOf("ResponseStatusType:");
        return at < 0 ? "" : "urn:oasis:names:tc:ebxml-regrep:" + soap.substring(at, soap.indexOf('"', at));
    }

    private static void report(String answer, Answer compressed, Answer plain) {
        System.out.println("event=compression answer=\"" + answer + "\" plainBytes=" + plain.wireBytes()
                + " gzipBytes=" + compressed.wireBytes());
    }
}
