package no.dhoindex.registry.interfaces.soap.iti92;

import java.util.function.Function;
import no.dhoindex.registry.application.UpdateDocumentSet;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.interfaces.soap.SubmissionEndpoint;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * ITI-92 Restricted Update Document Set at the wire (RMU, ITI TF-2 3.92): the registry as Update
 * Responder takes new versions of an organisation's DocumentEntries, with their identity, patient,
 * repository and availability left as they are. How an adapter keeps an on-demand pointer true.
 */
public final class RestrictedUpdateDocumentSetTransaction {

    private final SubmissionEndpoint endpoint;

    /** @param registrants the organisation behind a verified system token; null: not checked (benchmarks only) */
    public RestrictedUpdateDocumentSetTransaction(UpdateDocumentSet updates,
                                                  Function<VerifiedCaller, Registrant> registrants) {
        // Validated as ITI-57's metadata: here the registry is its own community's Update Responder
        // (RMU's XDS Persistence Option), so the objects carry no homeCommunityId, which IPF's
        // cross-community ITI-92 profile would require.
        this.endpoint = new SubmissionEndpoint((submission, registrant) -> updates.update(submission, registrant,
                UpdateDocumentSet.Operations.RESTRICTED), XDS.Interactions.ITI_57, "iti92", registrants);
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public RegistryResponseType handle(SubmitObjectsRequest request, VerifiedCaller caller) {
        return endpoint.handle(request, caller);
    }
}
