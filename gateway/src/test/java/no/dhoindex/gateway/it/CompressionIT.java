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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.SyntheticIds;
import no.dhoindex.testsupport.XdsActions;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: answers travel compressed when the client asks ({@code Accept-Encoding: gzip}) — SOAP (also MTOM),
 * FHIR, JSON and the services' descriptions, from every deployable — and plain when it does not. The server settings
 * are deploy/payara-preboot.asadmin, the file every piece is started with; the bytes each answer took are printed
 * ({@code event=compression}, copied into bench/results/compression-*.md).
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
    void everyDeployableCompressesItsServiceDescription() {
        for (String path : new String[] {"/registry/services/registry?wsdl", "/adapters/sykehus/services/xca?wsdl",
                "/adapters/kommune/services/xca?wsdl", "/gateway/services/xca?wsdl", "/gateway/fhir/metadata"}) {
            Answer compressed = send(HttpRequest.newBuilder(GatewayStack.uri(path)).GET(), Map.of(), true);
            assertEquals(200, compressed.status(), path);
            assertEquals(Optional.of("gzip"), compressed.encoding(), path);
            assertTrue(compressed.text().length() > compressed.wireBytes(), path);
        }
    }

    /**
     * The answers BENCHMARKS.md measures: a FindDocuments answer of 10 full entries and an ITI-43 retrieve of one of
     * them (a 16 KB XML document, MTOM), for a patient of this test's own, through the gateway's SOAP door.
     */
    @Test
    void aTenEntryFindDocumentsAnswerAndARetrieveAreCompressed() throws Exception {
        String fnr = SyntheticIds.next();
        List<String> uniqueIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            uniqueIds.add(GatewayIT.provided(fnr, note(i)));
        }
        URI gateway = GatewayStack.uri("/gateway/services/xca");
        String token = Clinician.ANNE.token(fnr, "TREAT");
        Answer compressed = Eventually.await(Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> findDocuments(gateway, token, fnr, true), a -> count(a.text(), ENTRY) == 10);
        Answer plain = findDocuments(gateway, token, fnr, false);
        assertEquals(Optional.of("gzip"), compressed.encoding());
        assertEquals(Optional.empty(), plain.encoding());
        assertEquals(10, count(plain.text(), ENTRY), plain::text);
        assertTrue(compressed.wireBytes() * 4 < plain.wireBytes(), () -> compressed.wireBytes() + " vs " + plain.wireBytes());
        report("gateway ITI-18 FindDocuments, 10 entries", compressed, plain);

        Answer retrieved = retrieve(gateway, token, uniqueIds.get(0), true);
        Answer retrievedPlain = retrieve(gateway, token, uniqueIds.get(0), false);
        assertEquals(200, retrieved.status(), retrieved::text);
        assertEquals(Optional.of("gzip"), retrieved.encoding());
        assertEquals(Optional.empty(), retrievedPlain.encoding());
        assertTrue(retrieved.text().contains("<notat nr=\"0\">"), retrieved::text);
        assertTrue(retrieved.wireBytes() * 2 < retrievedPlain.wireBytes(),
                () -> retrieved.wireBytes() + " vs " + retrievedPlain.wireBytes());
        report("gateway ITI-43 retrieve, 16 KB XML document (MTOM)", retrieved, retrievedPlain);
    }

    /** A FHIR page of up to 50 Observations through the gateway's FHIR door (as many as the demo patient has). */
    @Test
    void aFhirObservationPageOfFiftyIsCompressed() {
        URI search = GatewayStack.uri("/gateway/fhir/Observation?_count=50&patient.identifier="
                + Clinician.q("urn:oid:2.16.578.1.12.4.1.4.1|" + Samples.PATIENT_A));
        String token = Clinician.ANNE.token(Samples.PATIENT_A, "TREAT");
        Answer compressed = fhir(search, token, true);
        Answer plain = fhir(search, token, false);
        assertEquals(200, compressed.status(), compressed::text);
        assertEquals(Optional.of("gzip"), compressed.encoding());
        assertEquals(Optional.empty(), plain.encoding());
        int observations = count(plain.text(), "\"resourceType\":\"Observation\"");
        assertTrue(observations > 0, plain::text);
        assertTrue(compressed.wireBytes() * 4 < plain.wireBytes(), () -> compressed.wireBytes() + " vs " + plain.wireBytes());
        report("gateway FHIR Observation page, _count=50 (" + observations + " Observations)", compressed, plain);
    }

    /**
     * Every deployable's own door answers compressed when asked: the adapters' and the demo platform's FHIR, the
     * trust anchor's JSON (its discovery and key set; under 1 KB an answer is sent plain, the server's threshold).
     */
    private static String madeAnew(String json) {
        return json.replaceAll("\"date\":\"[^\"]*\"", "")
                .replaceFirst("(\"resourceType\":\"CapabilityStatement\"),\"id\":\"[^\"]*\"", "$1");
    }

    @Test
    void everyDeployablesOwnDoorCompressesWhenAsked() {
        for (String path : new String[] {"/adapters/kommune/fhir/metadata", "/adapters/sykehus/fhir/metadata",
                "/demo-platform/fhir/metadata", "/trust/.well-known/openid-configuration", "/trust/jwks"}) {
            Map<String, String> json = Map.of("Accept", "application/json");
            Answer compressed = send(HttpRequest.newBuilder(GatewayStack.uri(path)).GET(), json, true);
            Answer plain = send(HttpRequest.newBuilder(GatewayStack.uri(path)).GET(), json, false);
            assertEquals(200, compressed.status(), path);
            assertEquals(Optional.empty(), plain.encoding(), path);
            // The same answer either way (a CapabilityStatement states when it was made, and HAPI's generated one
            // gets a new id at each request).
            assertEquals(madeAnew(plain.text()), madeAnew(compressed.text()), path);
            assertEquals(plain.wireBytes() >= 1024 ? Optional.of("gzip") : Optional.empty(), compressed.encoding(),
                    () -> path + ": " + plain.wireBytes() + " bytes");
            report(path, compressed, plain);
        }
    }

    private static final String ENTRY = "ExtrinsicObject ";

    /** A clinical note of about 16 KB of XML text, different for each {@code n}. */
    private static byte[] note(int n) {
        StringBuilder x = new StringBuilder("<notat nr=\"" + n + "\">");
        for (int i = 0; x.length() < 16_000; i++) {
            x.append("<avsnitt nr=\"").append(i).append("\">Pasienten ble undersøkt ved poliklinikken. Blodtrykk ")
                    .append(110 + (i * 7 + n) % 40).append("/").append(70 + (i * 3 + n) % 20)
                    .append(", puls ").append(60 + (i * 5 + n) % 30).append(". Videre oppfølging hos fastlege.</avsnitt>");
        }
        return x.append("</notat>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    private static Answer findDocuments(URI gateway, String token, boolean gzip) {
        return findDocuments(gateway, token, Samples.PATIENT_A, gzip);
    }

    private static Answer findDocuments(URI gateway, String token, String fnr, boolean gzip) {
        return soap(gateway, token, XdsActions.ITI_18, GatewayIT.findDocuments(fnr), gzip);
    }

    private static Answer retrieve(URI gateway, String token, String uniqueId, boolean gzip) {
        return soap(gateway, token, XdsActions.ITI_43,
                Samples.retrieve(GatewayStack.SYKEHUS, GatewayStack.SYKEHUS_REPOSITORY, uniqueId), gzip);
    }

    private static Answer soap(URI endpoint, String token, String action, String body, boolean gzip) {
        String envelope = Soap.envelope(action, endpoint, body);
        Map<String, String> headers = new HashMap<>(Clinician.ANNE.credentials("POST", endpoint, token));
        headers.put("Content-Type", "application/soap+xml; charset=UTF-8; action=\"" + action + "\"");
        return send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(envelope)), headers, gzip);
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
