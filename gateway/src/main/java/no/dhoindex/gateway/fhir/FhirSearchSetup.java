package no.dhoindex.gateway.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.CommunityDirectory;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.federation.FederatedSearch;
import no.dhoindex.gateway.federation.SearchCursor;

/** Builds the federated FHIR search over the communities' search ports, and its cursor seal. */
@ApplicationScoped
public class FhirSearchSetup {

    private static final Logger LOG = Logger.getLogger(FhirSearchSetup.class.getName());

    @Inject
    GatewaySettings settings;

    @Inject
    CommunityDirectory directory;

    @Inject
    SourceSearches sources;

    @Inject
    FanOut fanOut;

    @Produces
    @Singleton
    FederatedSearch<SourceResource> search() {
        return new FederatedSearch<>(directory::communities, sources::port, fanOut, settings.overallDeadline());
    }

    @Produces
    @Singleton
    SearchCursor cursors() {
        return new SearchCursor(settings.fhirCursorKey().orElseGet(() -> {
            LOG.warning("event=fhir-cursor-key outcome=random reason=\"dho.gateway.fhir.cursorKey is not set: paging"
                    + " cursors end with this start and are not honoured by other gateway nodes\"");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }));
    }
}
