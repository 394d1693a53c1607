package no.dhoindex.registry.interfaces.soap.iti18;

import java.util.List;
import no.dhoindex.registry.interfaces.accesslog.RegistryAccessLog;
import no.dhoindex.shared.access.AccessRecord;
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
    private final RegistryAccessLog accessLog;

    public RegistryStoredQueryTransaction(StoredQueries queries, RegistryAccessLog accessLog) {
        this.queries = queries;
        this.accessLog = accessLog;
    }

    private static no.dhoindex.shared.xua.XuaClaims claims() {
        org.apache.cxf.message.Message message = org.apache.cxf.phase.PhaseInterceptorChain.getCurrentMessage();
        return message == null ? null : message.getExchange().get(no.dhoindex.shared.xua.XuaClaims.class);
    }

    /**
     * A query about a patient must be about the patient the user's XUA assertion names (resource-id),
     * as the gateway checked against the user's token: a second line of the same rule.
     */
    private void vouchedFor(StoredQueryRequest parsed) {
        no.dhoindex.shared.xua.XuaClaims claims = claims();
        var patient = parsed.query().patient();
        if (claims == null || patient.isEmpty()) {
            return;
        }
        boolean same;
        try {
            same = claims.patientCx() != null
                    && no.dhoindex.shared.xds.model.PatientId.parseCx(claims.patientCx()).equals(patient.get());
        } catch (RuntimeException e) {
            same = false;
        }
        if (!same) {
            String reason = "the XUA assertion does not name the patient the query is about";
            accessLog.record(claims, patient.get(), "ITI-18 " + parsed.query().getClass().getSimpleName(),
                    AccessRecord.Outcome.REFUSED, reason);
            org.apache.cxf.binding.soap.SoapFault fault = new org.apache.cxf.binding.soap.SoapFault(reason,
                    org.apache.cxf.binding.soap.Soap12.getInstance().getSender());
            fault.setStatusCode(403);
            throw fault;
        }
    }

    public AdhocQueryResponse handle(AdhocQueryRequest request) {
        long started = System.nanoTime();
        String queryId = request.getAdhocQuery() == null ? "-" : request.getAdhocQuery().getId();
        try {
            StoredQueryRequest parsed = XdsMessages.readQuery(request, XDS.Interactions.ITI_18);
            vouchedFor(parsed);
            QueryResult result = queries.run(parsed.query(), parsed.returnType());
            var claims = claims();
            if (claims != null) {
                // Recorded before the answer leaves: a record that cannot be stored fails the query.
                accessLog.record(claims, parsed.query().patient().orElse(null), "ITI-18 "
                        + parsed.query().getClass().getSimpleName() + ": " + result.size() + " objects",
                        AccessRecord.Outcome.GRANTED, null);
            }
            LOG.info(() -> "event=iti18 query=" + queryId + " returnType=" + parsed.returnType()
                    + " objects=" + result.size() + " outcome=success ms=" + millis(started));
            return XdsMessages.queryResponse(result, parsed.returnType());
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
