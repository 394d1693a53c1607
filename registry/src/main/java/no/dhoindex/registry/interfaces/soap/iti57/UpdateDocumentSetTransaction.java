package no.dhoindex.registry.interfaces.soap.iti57;

import java.util.function.Function;
import no.dhoindex.registry.application.UpdateDocumentSet;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.interfaces.soap.SubmissionEndpoint;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * ITI-57 Update Document Set at the wire (the XDS Metadata Update option, ITI TF-2b 3.57): new
 * versions of an organisation's DocumentEntries and Folders, and status updates of its objects.
 */
public final class UpdateDocumentSetTransaction {

    private final SubmissionEndpoint endpoint;

    /** @param registrants the organisation behind a verified system token; null: not checked (benchmarks only) */
    public UpdateDocumentSetTransaction(UpdateDocumentSet updates, Function<VerifiedCaller, Registrant> registrants) {
        this.endpoint = new SubmissionEndpoint((submission, registrant) -> updates.update(submission, registrant,
                UpdateDocumentSet.Operations.FULL), XDS.Interactions.ITI_57, "iti57", registrants,
                AssociationPropagationSlot::requireYesOrNo);
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public RegistryResponseType handle(SubmitObjectsRequest request, VerifiedCaller caller) {
        return endpoint.handle(request, caller);
    }
}
