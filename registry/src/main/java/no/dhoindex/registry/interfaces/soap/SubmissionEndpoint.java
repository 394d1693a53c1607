package no.dhoindex.registry.interfaces.soap;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Function;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.core.validate.ValidationProfile;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * A submission transaction at the wire (ITI-42, ITI-61, ITI-57, ITI-92): SubmitObjectsRequest in,
 * validated by the transaction's profile, handed with the verified organisation to the application
 * service; RegistryResponse out, every failure a RegistryError, another organisation's pointers 403.
 */
public final class SubmissionEndpoint {

    /** What the transaction does with a valid submission from a registrant: returns what it stored. */
    @FunctionalInterface
    public interface Action {
        Submission apply(Submission submission, Registrant registrant);
    }

    private static final Logger LOG = Logger.getLogger(SubmissionEndpoint.class.getName());

    private final Action action;
    private final ValidationProfile profile;
    private final String event;
    private final Function<VerifiedCaller, Registrant> registrants;

    /**
     * @param registrants the organisation behind a verified system token; null: registrations are
     *                    not checked (only where switched off, for benchmarks)
     */
    public SubmissionEndpoint(Action action, ValidationProfile profile, String event,
                              Function<VerifiedCaller, Registrant> registrants) {
        this.action = action;
        this.profile = profile;
        this.event = event;
        this.registrants = registrants;
    }

    /**
     * Who registers: the organisation whose system's token SystemTokenIn verified for this call
     * ({@code caller}, from the call's exchange); without one the registration is refused (fail closed).
     */
    private Registrant registrant(VerifiedCaller caller) {
        if (registrants == null) {
            return Registrant.UNCHECKED;
        }
        if (caller == null) {
            throw fault("the registration carries no verified system token", 401);
        }
        return registrants.apply(caller);
    }

    private static SoapFault fault(String reason, int status) {
        SoapFault fault = new SoapFault(reason, Soap12.getInstance().getSender());
        fault.setStatusCode(status);
        return fault;
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public RegistryResponseType handle(SubmitObjectsRequest request, VerifiedCaller caller) {
        long started = System.nanoTime();
        String setId = "-";
        try {
            Registrant registrant = registrant(caller);
            Submission submission = XdsMessages.readSubmission(request, profile);
            setId = submission.submissionSet().uniqueId();
            Submission stored = action.apply(submission, registrant);
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
            throw fault(refusal.getMessage(), 403);
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
