package no.dhoindex.registry.interfaces.soap.iti92;

import java.util.function.Function;
import no.dhoindex.registry.application.UpdateDocumentSet;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.interfaces.soap.SubmissionEndpoint;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ExtrinsicObjectType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * ITI-92 Restricted Update Document Set at the wire (RMU, ITI TF-2 3.92): the registry as Update
 * Responder takes new versions of an organisation's DocumentEntries, with their identity, patient,
 * repository and availability left as they are. How an adapter keeps an on-demand pointer true.
 */
public final class RestrictedUpdateDocumentSetTransaction {

    private final SubmissionEndpoint stableEntries;
    private final SubmissionEndpoint onDemandEntries;

    /** @param registrants the organisation behind a verified system token; null: not checked (benchmarks only) */
    public RestrictedUpdateDocumentSetTransaction(UpdateDocumentSet updates,
                                                  Function<VerifiedCaller, Registrant> registrants) {
        SubmissionEndpoint.Action restricted = (submission, registrant) -> updates.update(submission, registrant,
                UpdateDocumentSet.Operations.RESTRICTED);
        // Validated as ITI-57's metadata: here the registry is its own community's Update Responder
        // (RMU's XDS Persistence Option), so the objects carry no homeCommunityId, which IPF's
        // cross-community ITI-92 profile would require. ITI-92 updates on-demand entries too (RMU allows
        // both types), whose metadata rules are ITI-61's (no creationTime, hash or size): they are
        // validated as such, since IPF's ITI-57 profile admits stable entries only.
        this.stableEntries = new SubmissionEndpoint(restricted, XDS.Interactions.ITI_57, "iti92", registrants);
        this.onDemandEntries = new SubmissionEndpoint(restricted, XDS.Interactions.ITI_61, "iti92", registrants);
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public RegistryResponseType handle(SubmitObjectsRequest request, VerifiedCaller caller) {
        return (updatesOnDemandEntries(request) ? onDemandEntries : stableEntries).handle(request, caller);
    }

    /** Whether the request's DocumentEntries are on-demand ones (one stable among them: validated as stable, refused). */
    private static boolean updatesOnDemandEntries(SubmitObjectsRequest request) {
        if (request == null || request.getRegistryObjectList() == null) {
            return false;
        }
        var entries = request.getRegistryObjectList().getIdentifiable().stream().map(jakarta.xml.bind.JAXBElement::getValue)
                .filter(ExtrinsicObjectType.class::isInstance).map(ExtrinsicObjectType.class::cast).toList();
        return !entries.isEmpty() && entries.stream()
                .allMatch(e -> DocumentEntryType.ON_DEMAND.getUuid().equals(e.getObjectType()));
    }
}
