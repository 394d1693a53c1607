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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The issuer's JWKS fetched over HTTPS/HTTP and cached; an unknown {@code kid} triggers one
 * refresh (key rotation), at most once per {@code minRefreshInterval} so that forged kids cannot
 * make us hammer the issuer; concurrent callers share one fetch. A failed fetch keeps the last good
 * keys and fails closed for new ones. Per JVM on purpose, also in a cluster of gateway nodes: each
 * node takes keys from the issuer itself, never from a shared store any member could write.
 */
public final class RemoteJwks implements TrustKeys {

    private static final Logger LOG = Logger.getLogger(RemoteJwks.class.getName());
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

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

    /** The fetch under way, which every caller missing a key waits for instead of starting its own. */
    private CompletableFuture<Void> inFlight;

    @Override
    public JWK key(String keyId) {
        JWK key = keys.getKeyByKeyId(keyId);
        return key != null ? key : afterRefresh(keyId);
    }

    /**
     * Single flight: the first caller missing a key fetches (if the rate limit allows), every caller
     * arriving meanwhile waits for that one fetch and then looks again. Right after a start, many
     * valid tokens at once thus cost one fetch and are all accepted.
     */
    private JWK afterRefresh(String keyId) {
        CompletableFuture<Void> flight;
        boolean fetcher = false;
        synchronized (this) {
            // A fetch finished since the look-up above may already hold the key.
            JWK key = keys.getKeyByKeyId(keyId);
            if (key != null) {
                return key;
            }
            if (inFlight == null) {
                Instant now = clock.instant();
                if (now.isBefore(lastFetch.plus(minRefreshInterval))) {
                    return null;
                }
                lastFetch = now;
                inFlight = new CompletableFuture<>();
                fetcher = true;
            }
            flight = inFlight;
        }
        if (fetcher) {
            try {
                refresh();
            } finally {
                synchronized (this) {
                    inFlight = null;
                }
                flight.complete(null);
            }
        } else {
            try {
                flight.get(FETCH_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException | TimeoutException e) {
                return null;
            }
        }
        return keys.getKeyByKeyId(keyId);
    }

    private void refresh() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwksUri).timeout(FETCH_TIMEOUT)
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
