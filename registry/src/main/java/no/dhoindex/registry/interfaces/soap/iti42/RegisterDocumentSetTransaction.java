package no.dhoindex.registry.interfaces.soap.iti42;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Function;
import no.dhoindex.registry.application.RegisterSubmission;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.interfaces.soap.SubmittingOrganisation;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.apache.cxf.binding.soap.SoapFault;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.core.validate.ValidationProfile;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * ITI-42 (and ITI-61, its on-demand sibling, validated by its own profile) at the wire:
 * SubmitObjectsRequest in, RegistryResponse out; every failure a RegistryError.
 */
public final class RegisterDocumentSetTransaction {

    private static final Logger LOG = Logger.getLogger(RegisterDocumentSetTransaction.class.getName());

    private final RegisterSubmission registration;
    private final ValidationProfile profile;
    private final String event;
    private final SubmittingOrganisation organisations;

    /**
     * @param registrants the organisation behind a verified system token; null: registrations are
     *                    not checked (only where switched off, for benchmarks)
     */
    public RegisterDocumentSetTransaction(RegisterSubmission registration, ValidationProfile profile, String event,
                                          Function<VerifiedCaller, Registrant> registrants) {
        this.registration = registration;
        this.profile = profile;
        this.event = event;
        this.organisations = new SubmittingOrganisation(registrants);
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public RegistryResponseType handle(SubmitObjectsRequest request, VerifiedCaller caller) {
        long started = System.nanoTime();
        String setId = "-";
        try {
            Registrant registrant = organisations.of(caller, "registration");
            Submission submission = XdsMessages.readSubmission(request, profile);
            setId = submission.submissionSet().uniqueId();
            Submission stored = registration.register(submission, registrant);
            String id = setId;
            LOG.info(() -> "event=" + event + " submissionSet=" + id + " patient=" + stored.submissionSet().patientId().toCx()
                    + " documents=" + stored.documents().size() + " folders=" + stored.folders().size()
                    + " associations=" + stored.associations().size() + " outcome=success ms=" + millis(started));
            return XdsMessages.success();
        } catch (XdsRefusal refusal) {
            String id = setId;
            LOG.info(() -> "event=" + event + " submissionSet=" + id + " outcome=failure error="
                    + refusal.errorCode().code() + " reason=\"" + refusal.getMessage() + "\" ms=" + millis(started));
            return XdsMessages.failure(List.of(refusal));
        } catch (NotOwnPointers refusal) {
            String id = setId;
            LOG.warning(() -> "event=" + event + " submissionSet=" + id + " outcome=forbidden reason=\""
                    + refusal.getMessage() + "\"");
            throw SubmittingOrganisation.fault(refusal.getMessage(), 403);
        } catch (SoapFault fault) {
            throw fault;
        } catch (RuntimeException e) {
            String id = setId;
            LOG.log(Level.SEVERE, e, () -> "event=" + event + " submissionSet=" + id + " outcome=error");
            return XdsMessages.failure(List.of(new XdsRefusal(XdsErrorCode.REGISTRY_ERROR,
                    "The registry could not process the submission; nothing was stored")));
        }
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
