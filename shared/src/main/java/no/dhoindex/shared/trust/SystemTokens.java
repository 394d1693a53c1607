package no.dhoindex.shared.trust;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * An organisation's system getting its own access token (OAuth client credentials, DPoP-bound as
 * HelseID requires) and presenting it: one DPoP key per client, the token kept until shortly before
 * it expires, a fresh proof for every call. Against HelseID itself the token request also carries
 * the client's signed assertion; the local trust anchor needs only the client id.
 */
public final class SystemTokens {

    private static final Logger LOG = Logger.getLogger(SystemTokens.class.getName());
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final URI tokenEndpoint;
    private final String clientId;
    private final String scope;
    private final Clock clock;
    private final ECKey dpopKey = TokenMinter.newDpopKey();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private record Held(String token, Instant renewAt) {
    }

    private volatile Held held;

    public SystemTokens(URI tokenEndpoint, String clientId, String scope, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.scope = scope;
        this.clock = clock;
    }

    /** The two credential headers (Authorization: DPoP …, DPoP: proof) for one call. */
    public Map<String, String> headersFor(String method, URI uri) throws IOException {
        String token = token();
        return Map.of("Authorization", "DPoP " + token,
                "DPoP", TokenMinter.dpopProof(dpopKey, method, uri, token, clock.instant()));
    }

    private String token() throws IOException {
        Held current = held;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.token();
        }
        synchronized (this) {
            current = held;
            if (current == null || !clock.instant().isBefore(current.renewAt())) {
                current = request();
                held = current;
            }
            return current.token();
        }
    }

    private Held request() throws IOException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", TokenMinter.dpopProof(dpopKey, "POST", tokenEndpoint, null, clock.instant()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking for a token", e);
        }
        try {
            Map<String, Object> body = JSONObjectUtils.parse(response.body());
            if (response.statusCode() != 200 || !(body.get("access_token") instanceof String token)) {
                throw new IOException("the token endpoint refused client " + clientId + ": " + response.statusCode()
                        + " " + body.getOrDefault("error", "") + " " + body.getOrDefault("error_description", ""));
            }
            long lifetime = body.get("expires_in") instanceof Number n ? n.longValue() : 60;
            LOG.info(() -> "event=system-token client=" + clientId + " scope=\"" + scope + "\" expiresIn=" + lifetime);
            return new Held(token, clock.instant().plusSeconds(lifetime).minus(RENEW_BEFORE_EXPIRY));
        } catch (ParseException e) {
            throw new IOException("the token endpoint answered " + response.statusCode() + " without JSON", e);
        }
    }
}
