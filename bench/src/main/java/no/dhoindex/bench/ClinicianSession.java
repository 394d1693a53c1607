package no.dhoindex.bench;

import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dhoindex.shared.trust.TokenMinter;

/**
 * A clinician's system as the benchmarks play it: a DPoP-bound token for one patient (demo
 * practitioner anne, treatment) from the trust anchor, fetched again before it can run out, and a
 * fresh DPoP proof for every request.
 */
final class ClinicianSession {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String patient;
    private final ECKey dpopKey = TokenMinter.newDpopKey();
    private String token;
    private Instant tokenAt = Instant.EPOCH;

    ClinicianSession(HttpClient http, URI tokenEndpoint, String patient) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.patient = patient;
    }

    /** A GET of {@code url} with the token and a proof made now (before any clock the caller starts). */
    HttpRequest get(URI url) throws Exception {
        refresh();
        return HttpRequest.newBuilder(url).header("Authorization", "DPoP " + token)
                .header("DPoP", TokenMinter.dpopProof(dpopKey, "GET", URI.create(url.toString().replaceFirst("[?#].*$", "")),
                        token, Instant.now()))
                .header("Accept", "application/fhir+json").GET().build();
    }

    /** Fetches a new token when the one held is a minute old (call it before starting a clock). */
    void refresh() throws Exception {
        if (Duration.between(tokenAt, Instant.now()).toSeconds() < 60) {
            return;
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", TokenMinter.dpopProof(dpopKey, "POST", tokenEndpoint, null, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofString("practitioner=anne&patient=" + patient + "&purpose=TREAT"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("No token: HTTP " + response.statusCode() + " " + response.body());
        }
        token = m.group(1);
        tokenAt = Instant.now();
    }
}
