package no.dhoindex.shared.xds.wire;

import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;

/**
 * A parsed ITI-18 / ITI-38 request: the query, how to answer, the wire query id (for logs and
 * audit) and the homeCommunityId the request was addressed to, if any.
 */
public record StoredQueryRequest(String queryId, StoredQuery query, ReturnType returnType, String homeCommunityId) {
}
