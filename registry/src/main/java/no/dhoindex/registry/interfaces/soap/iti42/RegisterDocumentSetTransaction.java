package no.dhoindex.registry.interfaces.soap.iti42;

import java.util.function.Function;
import no.dhoindex.registry.application.RegisterSubmission;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.interfaces.soap.SubmissionEndpoint;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.validate.ValidationProfile;

/**
 * ITI-42 (and ITI-61, its on-demand sibling, validated by its own profile) at the wire:
 * SubmitObjectsRequest in, RegistryResponse out; every failure a RegistryError.
 */
public final class RegisterDocumentSetTransaction {

    private final SubmissionEndpoint endpoint;

    /**
     * @param registrants the organisation behind a verified system token; null: registrations are
     *                    not checked (only where switched off, for benchmarks)
     */
    public RegisterDocumentSetTransaction(RegisterSubmission registration, ValidationProfile profile, String event,
                                          Function<VerifiedCaller, Registrant> registrants) {
        this.endpoint = new SubmissionEndpoint(registration::register, profile, event, registrants);
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public RegistryResponseType handle(SubmitObjectsRequest request, VerifiedCaller caller) {
        return endpoint.handle(request, caller);
    }
}
