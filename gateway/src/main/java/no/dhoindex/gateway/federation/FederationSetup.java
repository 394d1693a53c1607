package no.dhoindex.gateway.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.fanout.FanOut;

/** Builds the gateway's one {@link Federation} and {@link FederatedRetrieval} from its settings, directory, fan-out and ports. */
@ApplicationScoped
public class FederationSetup {

    @Inject
    GatewaySettings settings;

    @Inject
    CommunityDirectory directory;

    @Inject
    FederationSources ports;

    @Inject
    FanOut fanOut;

    @Produces
    @Singleton
    Federation federation() {
        return new Federation(directory::communities, ports, fanOut, settings.registryDeadline(),
                settings.overallDeadline(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    FederatedRetrieval retrieval() {
        return new FederatedRetrieval(directory::communities, ports, fanOut, settings.overallDeadline());
    }
}
