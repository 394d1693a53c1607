package no.dhoindex.adapters.fhir;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import no.dhoindex.adapters.organisation.OrganisationSettings;

/**
 * The adapter's FHIR R4 Subscriptions at its platform (channel rest-hook to the adapter's
 * notification endpoint, one per kind of data, the adapter's secret as a channel header), and the
 * check of what a notification carries. A notification is only a trigger to read the platform
 * again: its content is never used. Without {@code subscription.notifyUrl} the adapter only polls;
 * a platform that offers no subscriptions is polled too.
 */
@ApplicationScoped
public class PlatformSubscription {

    /** The header a notification must carry, with the adapter's secret as its value. */
    public static final String SECRET_HEADER = "X-DHO-Notification-Secret";
    private static final Logger LOG = Logger.getLogger(PlatformSubscription.class.getName());
    private static final String FHIR_JSON = "application/fhir+json";

    @Inject
    OrganisationSettings settings;

    private HttpClient http;
    private volatile boolean subscribed;
    private volatile boolean refused;

    @PostConstruct
    void connect() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.outboundTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether a notification carries the adapter's secret (constant time); never without a secret set. */
    public boolean authentic(String presented) {
        var secret = settings.notificationSecret();
        if (secret.isEmpty() || settings.notifyUrl().isEmpty() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Makes sure the platform holds an active subscription per kind to this adapter (asked at each
     * poll until it has succeeded once, so a platform that starts later is subscribed to later).
     * Throws {@link PlatformUnavailable} when the platform does not answer.
     */
    void ensure() {
        URI endpoint = settings.notifyUrl().orElse(null);
        if (endpoint == null || subscribed || refused) {
            return;
        }
        String base = base();
        Set<String> held = held(base, endpoint);
        if (refused) {
            return;
        }
        for (DataKind kind : DataKind.values()) {
            if (held.contains(kind.resourceType())) {
                continue;
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/Subscription"))
                    .header("Content-Type", FHIR_JSON).POST(HttpRequest.BodyPublishers.ofString(
                            subscription(kind, endpoint).toString())));
            if (response == null) {
                return;
            }
        }
        subscribed = true;
        LOG.info(() -> "event=platform-subscribe organisation=" + settings.organisation().id() + " endpoint=" + endpoint
                + " outcome=subscribed");
    }

    /** The resource types the platform already notifies this endpoint of (an adapter started again). */
    private Set<String> held(String base, URI endpoint) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/Subscription?url="
                + URLEncoder.encode(endpoint.toString(), StandardCharsets.UTF_8))).GET());
        Set<String> types = new HashSet<>();
        if (response == null) {
            return types;
        }
        JsonObject bundle = Json.createReader(new StringReader(response.body())).readObject();
        JsonArray entries = bundle.containsKey("entry") ? bundle.getJsonArray("entry") : JsonValue.EMPTY_JSON_ARRAY;
        for (JsonObject entry : entries.getValuesAs(JsonObject.class)) {
            JsonObject resource = entry.getJsonObject("resource");
            if (resource != null && "active".equals(resource.getString("status", ""))) {
                types.add(resource.getString("criteria", "").split("\\?")[0]);
            }
        }
        return types;
    }

    private JsonObject subscription(DataKind kind, URI endpoint) {
        return Json.createObjectBuilder().add("resourceType", "Subscription").add("status", "requested")
                .add("reason", "DHO Index: keep " + settings.organisation().name() + "'s pointers true")
                .add("criteria", kind.resourceType() + "?")
                .add("channel", Json.createObjectBuilder().add("type", "rest-hook")
                        .add("endpoint", endpoint.toString())
                        .add("header", Json.createArrayBuilder().add(SECRET_HEADER + ": "
                                + settings.notificationSecret().orElseThrow())))
                .build();
    }

    /** The answer when 2xx; {@code null} (logged, polling only) when the platform refuses subscriptions. */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(settings.outboundTimeout())
                    .header("Accept", FHIR_JSON).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return response;
            }
            if (response.statusCode() / 100 == 4) {
                refused = true;
                LOG.warning(() -> "event=platform-subscribe organisation=" + settings.organisation().id()
                        + " outcome=refused status=" + response.statusCode() + " reason=\"polling only\"");
                return null;
            }
            throw new PlatformUnavailable("The DHO platform answered " + response.statusCode() + " to a subscription",
                    null);
        } catch (IOException e) {
            throw new PlatformUnavailable("The DHO platform did not answer a subscription: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailable("Interrupted while subscribing", e);
        }
    }

    private String base() {
        String url = settings.platformUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
