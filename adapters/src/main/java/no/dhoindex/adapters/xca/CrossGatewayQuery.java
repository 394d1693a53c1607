package no.dhoindex.adapters.xca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.sharing.Requester;
import no.dhoindex.adapters.sharing.SharingRules;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.registry.StoredQueryEngine;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;

/**
 * ITI-38 at the responding gateway: the registry's stored queries over this organisation's own
 * pointers that may go to the caller, every object stamped with the organisation's
 * homeCommunityId. Withheld entries (NORS, a patient's block) are simply not there: Success,
 * nothing found. A request addressed to another community is refused with XDSUnknownCommunity (ITI TF-2b 3.38.4.1.3).
 *
 * <p>The caller is bound to one patient: a query naming another patient is refused
 * ({@link no.dhoindex.shared.access.AccessDenied}); a query by id selects only that patient's
 * objects, so another patient's entry is answered as one that does not exist.
 */
@ApplicationScoped
public class CrossGatewayQuery {

    private static final int MAX_RESULTS = 1000;

    @Inject
    OrganisationSettings settings;

    @Inject
    PointerLedger ledger;

    @Inject
    SharingRules sharing;

    public QueryResult run(Caller caller, StoredQueryRequest request) {
        String home = settings.organisation().homeCommunityId();
        if (request.homeCommunityId() != null && !request.homeCommunityId().equals(home)) {
            throw new XdsRefusal(XdsErrorCode.UNKNOWN_COMMUNITY, "This gateway answers for " + home + ", not "
                    + request.homeCommunityId(), request.homeCommunityId());
        }
        // Asking about another patient is a refusal the caller and the access log should see, not an empty answer.
        request.query().patient().ifPresent(caller::requirePatient);
        PublishedPointerIndex visible = new PublishedPointerIndex(ledger, sharing, Requester.of(caller));
        return new StoredQueryEngine(visible, MAX_RESULTS, home).run(request.query(),
                request.returnType() == ReturnType.OBJECT_REF, caller.patients());
    }
}
