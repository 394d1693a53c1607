package no.dhoindex.gateway.federation;

import java.util.concurrent.Callable;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.StoredQuery;

/**
 * One source of stored-query answers, in domain terms: the registry (ITI-18) or a community
 * (ITI-38 to its responding gateway). The question is prepared on the caller's thread (the XUA
 * assertion for the caller is signed there, so a signing failure is the gateway's, not the
 * source's) and run by the fan-out within the source's deadline. Answers are LeafClass: the front
 * door reduces them to ObjectRefs when it was asked for those, so merging always sees whole objects.
 */
@FunctionalInterface
public interface QueryPort {

    Callable<QueryAnswer> question(Caller caller, StoredQuery query, String correlationId);
}
