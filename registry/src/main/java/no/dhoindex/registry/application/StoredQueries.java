package no.dhoindex.registry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.registry.domain.PointerStore;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.registry.StoredQueryEngine;

/**
 * ITI-18 Registry Stored Query over the registry's database, with its configured limits, for an
 * explicit caller: only objects of the patient the caller is bound to are ever selected.
 */
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

    /**
     * Runs {@code query} for {@code caller}. A Find or GetAll query about another patient than the
     * caller's is refused ({@link AccessDenied}): the caller asked for what its credential does not
     * cover. A query by id selects only the caller's patient's objects, so another patient's object
     * is as absent as one that does not exist.
     */
    public QueryResult run(Caller caller, StoredQuery query, ReturnType returnType) {
        query.patient().ifPresent(caller::requirePatient);
        return engine.run(query, returnType == ReturnType.OBJECT_REF, caller.patients());
    }
}
