package no.dhoindex.shared.trust;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The issuer's JWKS fetched over HTTPS/HTTP and cached; an unknown {@code kid} triggers one
 * refresh (key rotation), at most once per {@code minRefreshInterval} so that forged kids cannot
 * make us hammer the issuer. A failed fetch keeps the last good keys and fails closed for new ones.
 */
public final class RemoteJwks implements TrustKeys {

    private static final Logger LOG = Logger.getLogger(RemoteJwks.class.getName());

    private final URI jwksUri;
    private final HttpClient http;
    private final Clock clock;
    private final Duration minRefreshInterval;
    private volatile JWKSet keys = new JWKSet();
    private volatile Instant lastFetch = Instant.EPOCH;

    public RemoteJwks(URI jwksUri, Clock clock, Duration minRefreshInterval) {
        this.jwksUri = jwksUri;
        this.clock = clock;
        this.minRefreshInterval = minRefreshInterval;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    @Override
    public JWK key(String keyId) {
        JWK key = keys.getKeyByKeyId(keyId);
        if (key == null && refreshAllowed()) {
            refresh();
            key = keys.getKeyByKeyId(keyId);
        }
        return key;
    }

    private synchronized boolean refreshAllowed() {
        Instant now = clock.instant();
        if (now.isBefore(lastFetch.plus(minRefreshInterval))) {
            return false;
        }
        lastFetch = now;
        return true;
    }

    private void refresh() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warning(() -> "event=jwks-refresh outcome=failure status=" + response.statusCode() + " uri=" + jwksUri);
                return;
            }
            keys = JWKSet.parse(response.body());
            LOG.info(() -> "event=jwks-refresh outcome=success keys=" + keys.getKeys().size() + " uri=" + jwksUri);
        } catch (IOException | ParseException e) {
            LOG.warning(() -> "event=jwks-refresh outcome=failure reason=\"" + e.getMessage() + "\" uri=" + jwksUri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
