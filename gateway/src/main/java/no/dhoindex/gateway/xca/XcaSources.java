package no.dhoindex.gateway.xca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.directory.GatewaySettings;
import no.dhoindex.gateway.federation.FederationSources;
import no.dhoindex.gateway.federation.QueryPort;
import no.dhoindex.gateway.federation.RetrievePort;
import no.dhoindex.gateway.security.GatewayXua;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.wire.XdsMessages;

/**
 * The federation's ports over SOAP: ITI-18 to the registry and ITI-38 to each community's
 * responding gateway (CXF clients, the ebXML edge), each call carrying the caller's XUA assertion
 * for that source, and ITI-39 retrieves. A query goes out as LeafClass; answers come back on domain types.
 */
@ApplicationScoped
public class XcaSources implements FederationSources {

    @Inject
    GatewaySettings settings;

    @Inject
    CommunityClients clients;

    @Inject
    GatewayXua xua;

    @Override
    public QueryPort registry() {
        return (caller, query, correlationId) -> {
            var assertion = xua.forRegistry(caller);
            var request = XdsMessages.writeQuery(query, ReturnType.LEAF_CLASS, null);
            return () -> XdsMessages.readAnswer(clients.registry(settings.registryUrl(), settings.registryDeadline(),
                    correlationId, assertion).documentRegistryRegistryStoredQuery(request));
        };
    }

    @Override
    public QueryPort community(Community c) {
        return (caller, query, correlationId) -> {
            var assertion = xua.forCommunity(caller, c.homeCommunityId());
            var request = XdsMessages.writeQuery(query, ReturnType.LEAF_CLASS, c.homeCommunityId());
            return () -> XdsMessages.readAnswer(clients.crossGatewayQuery(c.queryUrl(), c.deadline(), correlationId,
                    assertion).documentRegistryRegistryStoredQuery(request));
        };
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
