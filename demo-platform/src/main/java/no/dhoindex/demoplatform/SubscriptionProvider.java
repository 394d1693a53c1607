package no.dhoindex.demoplatform;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * R4 Subscriptions with a rest-hook channel, criteria a resource type ({@code Observation?}): the
 * platform notifies the endpoint (with the channel's headers, without payload) whenever a resource
 * of that type is created, updated or deleted. See {@link SubscriptionNotifier}.
 */
public final class SubscriptionProvider implements IResourceProvider {

    static final Set<String> TYPES = Set.of("Observation", "CarePlan", "MedicationStatement");

    private final PlatformStore store;

    SubscriptionProvider(PlatformStore store) {
        this.store = store;
    }

    @Override
    public Class<Subscription> getResourceType() {
        return Subscription.class;
    }

    @Read
    public Subscription read(@IdParam IdType id) {
        if (!(store.read(id) instanceof Subscription s)) {
            throw new ResourceNotFoundException(id);
        }
        return s;
    }

    /** By channel endpoint ({@code url}), so a subscriber started again finds its subscriptions. */
    @Search
    public List<Subscription> search(@OptionalParam(name = Subscription.SP_URL) UriParam url) {
        return store.search("Subscription", (Subscription s) ->
                url == null || url.getValue().equals(s.getChannel().getEndpoint()));
    }

    @Create
    public MethodOutcome create(@ResourceParam Subscription subscription) {
        String type = subscription.getCriteria() == null ? "" : subscription.getCriteria().split("\\?")[0];
        if (!TYPES.contains(type)) {
            throw new UnprocessableEntityException("Subscription.criteria must be one of " + TYPES + " followed by '?'");
        }
        if (subscription.getChannel().getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw new UnprocessableEntityException("Only rest-hook channels are offered");
        }
        String endpoint = subscription.getChannel().getEndpoint();
        String scheme = endpoint == null ? null : URI.create(endpoint).getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new UnprocessableEntityException("Subscription.channel.endpoint must be an http(s) URL");
        }
        subscription.setId((String) null);
        subscription.setStatus(Subscription.SubscriptionStatus.ACTIVE);
        Subscription saved = store.save(subscription);
        return new MethodOutcome(saved.getIdElement(), true).setResource(saved);
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        if (!store.delete(id)) {
            throw new ResourceNotFoundException(id);
        }
        return new MethodOutcome(id.toVersionless());
    }
}
