package no.dhoindex.conformance.security;

import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dhoindex.shared.trust.TokenMinter;
import no.dhoindex.testsupport.Soap;

/**
 * A clinician's system at the gateway: a DPoP key, a HelseID-shaped token from the trust anchor
 * whose attestation names one patient, and a fresh DPoP proof on every call.
 */
final class Clinician {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    static final Clinician ANNE = new Clinician("anne");

    private final String practitioner;
    private final ECKey key = TokenMinter.newDpopKey();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Clinician(String practitioner) {
        this.practitioner = practitioner;
    }

    /** A token whose attestation names {@code fnr} (national id authority) for treatment. */
    String token(String fnr) {
        return tokens.computeIfAbsent(fnr, this::fetch);
    }

    private String fetch(String fnr) {
        URI endpoint = SecurityStack.uri("/trust/token");
        String form = "practitioner=" + practitioner + "&patient=" + fnr + "&purpose=TREAT";
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", TokenMinter.dpopProof(key, "POST", endpoint, null, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofString(form)), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("No token from the trust anchor: " + response.statusCode() + " "
                    + response.body());
        }
        return m.group(1);
    }

    Map<String, String> credentials(String method, URI uri, String fnr) {
        String token = token(fnr);
        URI htu = URI.create(uri.toString().replaceFirst("[?#].*$", ""));
        return Map.of("Authorization", "DPoP " + token, "DPoP", TokenMinter.dpopProof(key, method, htu, token, Instant.now()));
    }

    /** A SOAP call to the gateway as this clinician, with a token for {@code fnr}. */
    Soap.Reply soap(URI endpoint, String action, String body, String fnr) {
        return Soap.call(endpoint, action, body, credentials("POST", endpoint, fnr));
    }

    /** A FHIR read or search with a token for {@code fnr}. */
    HttpResponse<String> get(URI uri, String fnr) {
        Map<String, String> headers = new HashMap<>(credentials("GET", uri, fnr));
        headers.put("Accept", "application/fhir+json");
        return get(uri, headers);
    }

    static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
