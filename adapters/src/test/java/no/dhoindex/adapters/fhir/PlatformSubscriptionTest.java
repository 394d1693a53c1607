package no.dhoindex.adapters.fhir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import org.junit.jupiter.api.Test;

/** A notification is taken only with the secret the adapter gave in its Subscription: fail closed. */
class PlatformSubscriptionTest {

    private static PlatformSubscription with(String notifyUrl, String secret) {
        PlatformSubscription subscription = new PlatformSubscription();
        subscription.settings = new OrganisationSettings() {
            @Override
            public Optional<URI> notifyUrl() {
                return Optional.ofNullable(notifyUrl).map(URI::create);
            }

            @Override
            public Optional<String> notificationSecret() {
                return Optional.ofNullable(secret);
            }
        };
        return subscription;
    }

    private static final String URL = "http://127.0.0.1:8080/adapters/kommune/platform/notifications";
    private static final String SECRET = "s3cr3t-0f-the-subscription-long-enough";

    @Test
    void theSubscriptionsSecretIsTaken() {
        assertTrue(with(URL, SECRET).authentic(SECRET));
    }

    @Test
    void anyOtherOrNoSecretIsRefused() {
        PlatformSubscription subscription = with(URL, SECRET);
        assertFalse(subscription.authentic(null));
        assertFalse(subscription.authentic(""));
        assertFalse(subscription.authentic(SECRET + "x"));
        assertFalse(subscription.authentic(SECRET.substring(1)));
        assertFalse(subscription.authentic(SECRET.toUpperCase()));
    }

    @Test
    void withoutSubscriptionsNothingIsTaken() {
        assertFalse(with(null, SECRET).authentic(SECRET), "no subscription configured: the endpoint takes nothing");
        assertFalse(with(URL, null).authentic(""), "no secret configured: nothing matches, not even nothing");
        assertFalse(with(URL, null).authentic(null));
    }
}
