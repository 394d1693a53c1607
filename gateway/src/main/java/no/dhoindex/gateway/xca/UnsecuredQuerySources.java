package no.dhoindex.gateway.xca;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.federation.FederationSources;
import no.dhoindex.gateway.federation.QueryPort;
import no.dhoindex.gateway.federation.RetrievePort;

/**
 * {@link XcaSources}' query ports without its container and without XUA assertions (security off), and no retrieves:
 * for the CPU harness ({@code GatewayCallCpu}) and tests that run the real federation against sources on loopback.
 * The gateway itself always asks through {@link XcaSources}.
 */
public record UnsecuredQuerySources(StoredQueryClient client, URI registryUrl, Duration registryDeadline)
        implements FederationSources {

    @Override
    public QueryPort registry() {
        return client.port(registryUrl, StoredQueryClient.ITI_18, registryDeadline, null, caller -> Optional.empty());
    }

    @Override
    public QueryPort community(Community c) {
        return client.port(c.queryUrl(), StoredQueryClient.ITI_38, c.deadline(), c.homeCommunityId(),
                caller -> Optional.empty());
    }

    @Override
    public RetrievePort retrieval(Community c) {
        throw new UnsupportedOperationException("stored queries only");
    }
}
