package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.dhoindex.gateway.federation.SearchAnswer;
import no.dhoindex.gateway.federation.SearchEntry;
import no.dhoindex.gateway.federation.SearchPage;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.ReplayCache;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.testsupport.HeartRatePage;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Where the gateway's own CPU goes in one FHIR search over one source's page of 50 Observations
 * (the benchmark's simulated source), step by step on one thread (thread CPU time, warmed up, so the
 * figures hold on a busy machine): the access token with a remembered token and a fresh DPoP proof,
 * the source's searchset read, the kept 50 parsed (leniently as before, strictly now), the answer
 * Bundle built and tagged, and the answer written by HAPI (before) or passed through (now). Then the
 * HTTP exchange with a loopback source answering at once: the JDK HttpClient against
 * HttpURLConnection, wall and calling-thread CPU. Not a test: a measurement, run by hand —
 * {@code java -cp <gateway test classpath> no.dhoindex.gateway.fhir.FhirSearchCpuSteps ROUNDS}.
 */
public final class FhirSearchCpuSteps {

    private static final URI URL = URI.create("http://127.0.0.1:8080/gateway/fhir/Observation");

    private FhirSearchCpuSteps() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        String page = page("kommune", "12828510159", 50);
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);   // as GatewayFhirServlet

        RSAKey signing = TokenMinter.newSigningKey();
        TokenMinter minter = new TokenMinter(signing, "https://trust-anchor.test", Clock.systemUTC());
        ECKey dpop = TokenMinter.newDpopKey();
        Map<String, JWK> published = Map.of(signing.getKeyID(), signing.toPublicJWK());
        AccessTokenVerifier verifier = AccessTokenVerifier.forResource(published::get, "https://trust-anchor.test",
                "dho-index-gateway", "dho:read", false, new ReplayCache(), Clock.systemUTC());
        String token = minter.sign(minter.claims("dho-index-gateway", dpop, Duration.ofHours(2)).subject("u")
                .claim("scope", "dho:read").build());

        String[] names = {"access token (remembered) + DPoP proof check", "source searchset read (50 entries)",
            "kept 50 parsed leniently (before)", "kept 50 parsed strictly (now)",
            "answer Bundle built: parse (strict) + tag + mark (now)", "answer written by HAPI JSON (before)",
            "answer written passing entries through (now)"};
        long[] steps = new long[names.length];
        int bytesBefore = 0;
        int bytesAfter = 0;
        for (int r = 0; r < rounds * 2; r++) {
            String proof = TokenMinter.dpopProof(dpop, "GET", URL, token, Instant.now());
            List<SearchEntry<SourceResource>> strictOnes = SearchsetReader.read(page, "Observation").entries();
            long[] t = new long[names.length + 1];
            t[0] = cpu.getCurrentThreadCpuTime();
            verifier.verify(new ResourceRequest("GET", URL, "DPoP " + token, proof));
            t[1] = cpu.getCurrentThreadCpuTime();
            SearchPage<SourceResource> read = SearchsetReader.read(page, "Observation");
            t[2] = cpu.getCurrentThreadCpuTime();
            IParser lenient = fhir.newJsonParser();
            for (SearchEntry<SourceResource> e : read.entries()) {
                lenient.parseResource(json(e));
            }
            t[3] = cpu.getCurrentThreadCpuTime();
            for (SearchEntry<SourceResource> e : strictOnes) {
                e.resource().resource();
            }
            t[4] = cpu.getCurrentThreadCpuTime();
            List<SearchAnswer.Found<SourceResource>> found = new ArrayList<>();
            read.entries().forEach(e -> found.add(new SearchAnswer.Found<>(e, "kommune", "urn:oid:2.25.1")));
            Bundle bundle = FederatedData.page("Observation", "http://127.0.0.1:8080/gateway/fhir", URL + "?x=1",
                    URL + "?_cursor=abc", new SearchAnswer<>(found, List.of(), Map.of()));
            t[5] = cpu.getCurrentThreadCpuTime();
            StringWriter hapi = new StringWriter();
            fhir.newJsonParser().encodeResourceToWriter(bundle, hapi);
            t[6] = cpu.getCurrentThreadCpuTime();
            StringWriter passed = new StringWriter();
            SearchsetPassThrough.write(bundle, fhir, passed);
            t[7] = cpu.getCurrentThreadCpuTime();
            if (r >= rounds) {
                for (int s = 0; s < names.length; s++) {
                    steps[s] += t[s + 1] - t[s];
                }
                bytesBefore = hapi.getBuffer().length();
                bytesAfter = passed.getBuffer().length();
            }
        }
        System.out.println("| step (one source, 50 Observations) | thread CPU ms per search |");
        System.out.println("|---|---|");
        for (int s = 0; s < names.length; s++) {
            System.out.println(String.format(Locale.ROOT, "| %s | %.3f |", names[s], steps[s] / 1e6 / rounds));
        }
        System.out.println("answer bytes: HAPI " + bytesBefore + ", passed through " + bytesAfter);
        http(page, rounds, cpu);
    }

    /** One GET of the page from a loopback source answering at once, per client: wall and calling-thread CPU. */
    private static void http(String page, int rounds, ThreadMXBean cpu) throws Exception {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        // As the benchmark's simulated source: without it each answer waits out the 40 ms delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/Observation?x=1");
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(Runnable::run).build();
        long[][] wall = new long[3][rounds];
        long[] threadCpu = new long[3];
        for (int r = 0; r < rounds * 2; r++) {
            for (int client = 0; client < 3; client++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                String answer;
                if (client != 1) {
                    answer = (client == 0 ? jdk : direct).send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                            .header("Accept", "application/fhir+json").GET().build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } else {
                    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
                    c.setReadTimeout(5000);
                    c.setRequestProperty("Accept", "application/fhir+json");
                    try (InputStream in = c.getInputStream()) {
                        answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                long w1 = System.nanoTime();
                long c1 = cpu.getCurrentThreadCpuTime();
                if (answer.length() != page.length()) {
                    throw new IllegalStateException("short answer");
                }
                if (r >= rounds) {
                    wall[client][r - rounds] = w1 - w0;
                    threadCpu[client] += c1 - c0;
                }
            }
        }
        server.stop(0);
        String[] names = {"JDK HttpClient (HTTP/1.1, keep-alive)", "HttpURLConnection (keep-alive)",
            "JDK HttpClient, body handed over on its selector thread (direct executor)"};
        System.out.println();
        System.out.println("| HTTP GET of the page, loopback source answering at once | wall p50 ms | wall p90 ms"
                + " | calling thread CPU ms |");
        System.out.println("|---|---|---|---|");
        for (int client = 0; client < 3; client++) {
            long[] w = wall[client];
            Arrays.sort(w);
            System.out.println(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |", names[client],
                    w[rounds / 2] / 1e6, w[rounds * 9 / 10] / 1e6, threadCpu[client] / 1e6 / rounds));
        }
    }

    private static String json(SearchEntry<SourceResource> e) {
        return e.resource().sourceJson();
    }

    /** The benchmark's simulated source's page ({@code SimulatedFhirSource}). */
    static String page(String name, String nationalId, int entries) {
        return HeartRatePage.json(name, nationalId, entries, Instant.parse("2026-12-02T10:00:00Z"));
    }
}
