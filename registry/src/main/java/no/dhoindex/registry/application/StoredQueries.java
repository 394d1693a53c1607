package no.dhoindex.registry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.registry.domain.PointerStore;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.registry.StoredQueryEngine;

/** ITI-18 Registry Stored Query over the registry's database, with its configured limits. */
@ApplicationScoped
public class StoredQueries {

    private final StoredQueryEngine engine;

    /** For the CDI proxy only. */
    protected StoredQueries() {
        this.engine = null;
    }

    @Inject
    public StoredQueries(PointerStore store, RegistrySettings settings) {
        this.engine = new StoredQueryEngine(store, settings.maxResults(), settings.homeCommunityId().orElse(null));
    }

    public QueryResult run(StoredQuery query, ReturnType returnType) {
        return engine.run(query, returnType == ReturnType.OBJECT_REF);
    }
}
