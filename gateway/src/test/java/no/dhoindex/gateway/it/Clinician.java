package no.dhoindex.gateway.it;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.testsupport.Soap;

/**
 * A clinician's system as the gateway sees it: a DPoP key, a token from the trust anchor for the
 * patient at hand (as HelseID would issue), and a fresh DPoP proof on every call.
 */
final class Clinician {

    static final String PRACTITIONER = "anne";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    final ECKey key = TokenMinter.newDpopKey();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final java.util.function.Supplier<URI> tokenEndpoint;

    Clinician() {
        this(() -> GatewayStack.uri("/trust/token"));
    }

    /** A clinician of another stack than the shared one (its trust anchor's token endpoint). */
    Clinician(java.util.function.Supplier<URI> tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    static final Clinician ANNE = new Clinician();

    /** A token for this patient and purpose of use (null purpose: the attestation states none). */
    String token(String fnr, String purpose) {
        URI endpoint = tokenEndpoint.get();
        String form = "practitioner=" + PRACTITIONER + "&patient=" + fnr + (purpose == null ? "" : "&purpose=" + purpose);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("DPoP", TokenMinter.dpopProof(key, "POST", endpoint, null, Instant.now()))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("No token from the trust anchor: " + response.statusCode() + " " + response.body());
            }
            return m.group(1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tokenFor(String fnr) {
        return tokens.computeIfAbsent(fnr, f -> token(f, "TREAT"));
    }

    Map<String, String> credentials(String method, URI uri, String token) {
        return credentials(method, uri, token, key);
    }

    static Map<String, String> credentials(String method, URI uri, String token, ECKey proofKey) {
        URI htu = URI.create(uri.toString().replaceFirst("[?#].*$", ""));
        return Map.of("Authorization", "DPoP " + token, "DPoP", TokenMinter.dpopProof(proofKey, method, htu, token, Instant.now()));
    }

    Soap.Reply soap(URI endpoint, String action, String body, String fnr) {
        return Soap.call(endpoint, action, body, credentials("POST", endpoint, tokenFor(fnr)));
    }

    /** A SOAP call under a given token, with further HTTP headers (e.g. the correlation id). */
    Soap.Reply soap(URI endpoint, String action, String body, String token, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(credentials("POST", endpoint, token));
        all.putAll(headers);
        return Soap.call(endpoint, action, body, all);
    }

    /** A FHIR search or read as this clinician, for this patient. */
    HttpResponse<byte[]> get(URI uri, String fnr) {
        Map<String, String> headers = new java.util.HashMap<>(credentials("GET", uri, tokenFor(fnr)));
        headers.put("Accept", "application/fhir+json");
        return get(uri, headers);
    }

    static HttpResponse<byte[]> get(URI uri, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The trust anchor's own signer, for tokens a real issuer would never issue (the refusal tests). */
    static TokenMinter issuersMinter() {
        try {
            RSAKey key = RSAKey.parse(Files.readString(GatewayStack.WORK.resolve("data/trust-anchor/signing-key.json")));
            return new TokenMinter(key, GatewayStack.uri("/trust").toString(), Clock.systemUTC());
        } catch (Exception e) {
            throw new IllegalStateException("The trust anchor's key is not readable", e);
        }
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
