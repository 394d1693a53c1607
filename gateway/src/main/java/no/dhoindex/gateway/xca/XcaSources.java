package no.dhoindex.gateway.xca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.federation.FederationSources;
import no.dhoindex.gateway.federation.QueryPort;
import no.dhoindex.gateway.federation.RetrievePort;
import no.dhoindex.gateway.security.GatewayXua;

/**
 * The federation's ports over SOAP: ITI-18 to the registry and ITI-38 to each community's
 * responding gateway (the plain {@link StoredQueryClient}, its body written once per question), each call carrying
 * the caller's XUA assertion for that source, and ITI-39 retrieves (CXF clients, for MTOM). A query goes out as
 * LeafClass; answers come back on domain types.
 */
@ApplicationScoped
public class XcaSources implements FederationSources {

    @Inject
    GatewaySettings settings;

    @Inject
    CommunityClients clients;

    @Inject
    GatewayXua xua;

    @Inject
    StoredQueryClient queries;

    @Override
    public QueryPort registry() {
        return queries.port(settings.registryUrl(), StoredQueryClient.ITI_18, settings.registryDeadline(), null,
                xua::forRegistry);
    }

    @Override
    public QueryPort community(Community c) {
        return queries.port(c.queryUrl(), StoredQueryClient.ITI_38, c.deadline(), c.homeCommunityId(),
                caller -> xua.forCommunity(caller, c.homeCommunityId()));
    }

    @Override
    public RetrievePort retrieval(Community c) {
        return (caller, documents, correlationId) -> {
            var assertion = xua.forCommunity(caller, c.homeCommunityId());
            var request = RetrieveMessages.write(documents);
            return () -> RetrieveMessages.read(clients.crossGatewayRetrieve(c.retrieveUrl(), c.deadline(), correlationId,
                    assertion).documentRepositoryRetrieveDocumentSet(request));
        };
    }
}
