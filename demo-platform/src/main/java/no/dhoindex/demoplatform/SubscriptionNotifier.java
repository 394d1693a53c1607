package no.dhoindex.demoplatform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Logger;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * Sends the rest-hook notifications: on a change of a resource type, an empty POST (no payload) to
 * each active subscription on that type, with the subscription's channel headers. Asynchronous: the
 * platform's own writes never wait for a subscriber.
 */
final class SubscriptionNotifier {

    private static final Logger LOG = Logger.getLogger(SubscriptionNotifier.class.getName());

    private final PlatformStore store;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    SubscriptionNotifier(PlatformStore store) {
        this.store = store;
    }

    void changed(String type) {
        for (Subscription s : store.search("Subscription", (Subscription s) ->
                s.getStatus() == Subscription.SubscriptionStatus.ACTIVE
                        && type.equals(s.getCriteria().split("\\?")[0]))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.getChannel().getEndpoint()))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody());
            for (StringType header : s.getChannel().getHeader()) {
                String[] parts = header.getValue().split(":", 2);
                if (parts.length == 2) {
                    request.header(parts[0].trim(), parts[1].trim());
                }
            }
            String id = s.getIdElement().getIdPart();
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() / 100 != 2) {
                    LOG.warning(() -> "event=subscription-notify subscription=" + id + " outcome=failed reason=\""
                            + (error != null ? error.getMessage() : "HTTP " + response.statusCode()) + "\"");
                }
            });
        }
    }
}
