package no.dhoindex.registry.interfaces.soap.iti18;

import java.util.List;
import no.dhoindex.registry.interfaces.accesslog.RegistryAccessLog;
import no.dhoindex.shared.access.AccessRecord;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.registry.application.StoredQueries;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xua.XuaCallers;
import no.dhoindex.shared.xua.XuaClaims;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;
import no.dhoindex.shared.xds.wire.StreamedQueryResponse;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * ITI-18 at the wire: AdhocQueryRequest in, AdhocQueryResponse out; every failure a RegistryError,
 * except a refused caller: a SOAP Sender fault (401 without an assertion, 403 for another patient).
 */
public final class RegistryStoredQueryTransaction {

    private static final Logger LOG = Logger.getLogger(RegistryStoredQueryTransaction.class.getName());

    private final StoredQueries queries;
    private final RegistryAccessLog accessLog;
    private final boolean xuaRequired;

    /** @param xuaRequired false only where switched off for benchmarks: queries then run for an unchecked caller */
    public RegistryStoredQueryTransaction(StoredQueries queries, RegistryAccessLog accessLog, boolean xuaRequired) {
        this.queries = queries;
        this.accessLog = accessLog;
        this.xuaRequired = xuaRequired;
    }

    /**
     * The caller the verified XUA assertion of this call vouches for ({@code claims}, left on the
     * exchange by XuaIn); without one the query is refused (fail closed), never answered unchecked.
     */
    private Caller caller(XuaClaims claims) {
        if (!xuaRequired) {
            return Caller.unchecked("dho.registry.xua=off");
        }
        if (claims == null) {
            throw fault("the query carries no verified XUA assertion", 401);
        }
        return XuaCallers.of(claims);
    }

    private static SoapFault fault(String reason, int status) {
        SoapFault fault = new SoapFault(reason, Soap12.getInstance().getSender());
        fault.setStatusCode(status);
        return fault;
    }

    /** @param claims the verified XUA claims of this call (null: none) */
    public AdhocQueryResponse handle(AdhocQueryRequest request, XuaClaims claims) {
        long started = System.nanoTime();
        String queryId = request.getAdhocQuery() == null ? "-" : request.getAdhocQuery().getId();
        StoredQueryRequest parsed = null;
        try {
            Caller caller = caller(claims);
            parsed = XdsMessages.readQuery(request, XDS.Interactions.ITI_18);
            StoredQueryRequest query = parsed;
            QueryResult result = queries.run(caller, query.query(), query.returnType());
            if (claims != null) {
                // Recorded before the answer leaves: a record that cannot be stored fails the query.
                accessLog.record(claims, query.query().patient().orElse(null), "ITI-18 "
                        + query.query().getClass().getSimpleName() + ": " + result.size() + " objects",
                        AccessRecord.Outcome.GRANTED, null);
            }
            // FINE: a line per answered query cost 4 % of the registry's CPU per FindDocuments (JFR); refusals and
            // failures stay at INFO, and with the checks on every query has its access-log record anyway.
            LOG.fine(() -> "event=iti18 query=" + queryId + " returnType=" + query.returnType()
                    + " objects=" + result.size() + " outcome=success ms=" + millis(started));
            // Written by the port's data binding straight from the domain answer (no IPF model, no JAXB objects).
            return new StreamedQueryResponse(QueryAnswer.success(result), query.returnType());
        } catch (AccessDenied denied) {
            String what = parsed == null ? "ITI-18 refused" : "ITI-18 " + parsed.query().getClass().getSimpleName();
            accessLog.record(claims, parsed == null ? null : parsed.query().patient().orElse(null), what,
                    AccessRecord.Outcome.REFUSED, denied.getMessage());
            LOG.info(() -> "event=iti18 query=" + queryId + " outcome=refused check=" + denied.check()
                    + " reason=\"" + denied.getMessage() + "\"");
            throw fault(denied.getMessage(), 403);
        } catch (XdsRefusal refusal) {
            LOG.info(() -> "event=iti18 query=" + queryId + " outcome=failure error=" + refusal.errorCode().code()
                    + " reason=\"" + refusal.getMessage() + "\" ms=" + millis(started));
            return XdsMessages.queryFailure(List.of(refusal));
        } catch (org.apache.cxf.interceptor.Fault refused) {
            LOG.info(() -> "event=iti18 query=" + queryId + " outcome=refused reason=\"" + refused.getMessage() + "\"");
            throw refused;
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
