package no.dhoindex.adapters.interfaces.soap;

import no.dhoindex.adapters.access.SourceAccessLog;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.retrieve.RetrieveDocuments;
import no.dhoindex.adapters.xca.CrossGatewayQuery;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;
import no.dhoindex.shared.xds.wire.StreamedQueryResponse;
import no.dhoindex.shared.xds.wire.XdsMessages;
import no.dhoindex.shared.xua.XuaClaims;
import org.openehealth.ipf.commons.ihe.xds.XCA;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * ITI-38 and ITI-39 at the wire, answered from this organisation's own pointers and documents for
 * the caller the call's verified XUA assertion stands for (bound to its patient). A query about
 * another patient is a SOAP Sender fault (HTTP 403) with its reason, in the access log too.
 */
@WebService(serviceName = "RespondingGateway_Service", portName = "RespondingGateway_Port_Soap12",
        targetNamespace = "urn:ihe:iti:xds-b:2007",
        endpointInterface = "no.dhoindex.adapters.interfaces.soap.RespondingGatewayPortType")
public class RespondingGatewayService implements RespondingGatewayPortType {

    private static final Logger LOG = Logger.getLogger(RespondingGatewayService.class.getName());

    private final CrossGatewayQuery query;
    private final RetrieveDocuments retrieve;
    private final java.util.function.Supplier<Organisation> organisation;
    private final SourceAccessLog accessLog;

    /** This call's message context, where the security interceptors left what they verified. */
    @Resource
    private WebServiceContext context;

    public RespondingGatewayService(CrossGatewayQuery query, RetrieveDocuments retrieve,
                                    java.util.function.Supplier<Organisation> organisation, SourceAccessLog accessLog) {
        this.accessLog = accessLog;
        this.query = query;
        this.retrieve = retrieve;
        this.organisation = organisation;
    }

    @Override
    public AdhocQueryResponse respondingGatewayCrossGatewayQuery(AdhocQueryRequest body) {
        String queryId = body.getAdhocQuery() == null ? "-" : body.getAdhocQuery().getId();
        Optional<XuaClaims> claims = SoapCallers.claims(context);
        Caller caller = SoapCallers.vouchedFor(claims);
        StoredQueryRequest request = null;
        try {
            request = XdsMessages.readQuery(body, XCA.Interactions.ITI_38);
            QueryResult result = query.run(caller, request);
            Accesses.queried(accessLog, claims.get(), "ITI-38 Cross Gateway Query",
                    request.query().patient().orElse(null), result.size());
            LOG.info(() -> "event=iti38 query=" + queryId + " objects=" + result.size() + " outcome=success");
            // Written by the port's data binding straight from the domain answer (no IPF model, no JAXB objects).
            return new StreamedQueryResponse(QueryAnswer.success(result), request.returnType());
        } catch (AccessDenied denied) {
            LOG.warning(() -> "event=iti38 query=" + queryId + " outcome=refused check=" + denied.check()
                    + " reason=\"" + denied.getMessage() + "\"");
            Accesses.refused(accessLog, claims.get(), "ITI-38 Cross Gateway Query",
                    request.query().patient().orElse(null), denied.getMessage());
            throw SoapCallers.refused(denied);
        } catch (XdsRefusal refusal) {
            LOG.info(() -> "event=iti38 query=" + queryId + " outcome=failure error=" + refusal.errorCode().code());
            return XdsMessages.queryFailure(List.of(refusal));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "event=iti38 query=" + queryId + " outcome=error");
            return XdsMessages.queryFailure(List.of(new XdsRefusal(XdsErrorCode.REGISTRY_ERROR,
                    "The responding gateway could not run the query")));
        }
    }

    @Override
    public RetrieveDocumentSetResponseType respondingGatewayCrossGatewayRetrieve(RetrieveDocumentSetRequestType body) {
        String home = organisation.get().homeCommunityId();
        Optional<XuaClaims> claims = SoapCallers.claims(context);
        Caller caller = SoapCallers.vouchedFor(claims);
        try {
            for (var request : body.getDocumentRequest()) {
                // ITI TF-2b 3.39.4.1.3: each request names the community it is for.
                if (request.getHomeCommunityId() == null || request.getHomeCommunityId().isBlank()) {
                    return RetrieveResponses.failure(new XdsRefusal(XdsErrorCode.MISSING_HOME_COMMUNITY_ID,
                            "DocumentRequest " + request.getDocumentUniqueId() + " names no homeCommunityId"));
                }
                if (!home.equals(request.getHomeCommunityId())) {
                    return RetrieveResponses.failure(new XdsRefusal(XdsErrorCode.UNKNOWN_COMMUNITY,
                            "This gateway answers for " + home + ", not " + request.getHomeCommunityId(),
                            request.getHomeCommunityId()));
                }
            }
            List<RetrieveDocuments.Result> results =
                    retrieve.retrieve(caller, RetrieveResponses.requests(body));
            Accesses.retrieved(accessLog, claims.get(), "ITI-39 Cross Gateway Retrieve", results);
            LOG.info(() -> "event=iti39 documents=" + results.size() + " found="
                    + results.stream().filter(r -> r.refusal() == null).count());
            return RetrieveResponses.response(results);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "event=iti39 outcome=error", e);
            return RetrieveResponses.failure(new XdsRefusal(XdsErrorCode.REPOSITORY_ERROR,
                    "The responding gateway could not process the retrieve"));
        }
    }
}
