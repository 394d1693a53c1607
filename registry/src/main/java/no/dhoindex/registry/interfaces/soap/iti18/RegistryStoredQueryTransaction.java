package no.dhoindex.registry.interfaces.soap.iti18;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.registry.application.StoredQueries;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/** ITI-18 at the wire: AdhocQueryRequest in, AdhocQueryResponse out; every failure a RegistryError. */
public final class RegistryStoredQueryTransaction {

    private static final Logger LOG = Logger.getLogger(RegistryStoredQueryTransaction.class.getName());

    private final StoredQueries queries;

    public RegistryStoredQueryTransaction(StoredQueries queries) {
        this.queries = queries;
    }

    public AdhocQueryResponse handle(AdhocQueryRequest request) {
        long started = System.nanoTime();
        String queryId = request.getAdhocQuery() == null ? "-" : request.getAdhocQuery().getId();
        try {
            StoredQueryRequest parsed = XdsMessages.readQuery(request, XDS.Interactions.ITI_18);
            QueryResult result = queries.run(parsed.query(), parsed.returnType());
            LOG.info(() -> "event=iti18 query=" + queryId + " returnType=" + parsed.returnType()
                    + " objects=" + result.size() + " outcome=success ms=" + millis(started));
            return XdsMessages.queryResponse(result, parsed.returnType());
        } catch (XdsRefusal refusal) {
            LOG.info(() -> "event=iti18 query=" + queryId + " outcome=failure error=" + refusal.errorCode().code()
                    + " reason=\"" + refusal.getMessage() + "\" ms=" + millis(started));
            return XdsMessages.queryFailure(List.of(refusal));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "event=iti18 query=" + queryId + " outcome=error");
            return XdsMessages.queryFailure(List.of(new XdsRefusal(XdsErrorCode.REGISTRY_ERROR,
                    "The registry could not run the query")));
        }
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
