package no.dhoindex.registry.interfaces.soap;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Function;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
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

    /**
     * A rule the transaction checks on the request as sent, before IPF reads it: for what IPF reads
     * leniently (an XdsRefusal, answered as the transaction's RegistryError).
     */
    @FunctionalInterface
    public interface WireRule {
        void check(SubmitObjectsRequest request);
    }

    private static final Logger LOG = Logger.getLogger(SubmissionEndpoint.class.getName());

    private final Action action;
    private final ValidationProfile profile;
    private final String event;
    private final SubmittingOrganisation organisations;
    private final WireRule wireRule;

    /**
     * @param registrants the organisation behind a verified system token; null: registrations are
     *                    not checked (only where switched off, for benchmarks)
     */
    public SubmissionEndpoint(Action action, ValidationProfile profile, String event,
                              Function<VerifiedCaller, Registrant> registrants) {
        this(action, profile, event, registrants, request -> { });
    }

    public SubmissionEndpoint(Action action, ValidationProfile profile, String event,
                              Function<VerifiedCaller, Registrant> registrants, WireRule wireRule) {
        this.action = action;
        this.profile = profile;
        this.event = event;
        this.organisations = new SubmittingOrganisation(registrants);
        this.wireRule = wireRule;
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public RegistryResponseType handle(SubmitObjectsRequest request, VerifiedCaller caller) {
        long started = System.nanoTime();
        String setId = "-";
        try {
            Registrant registrant = organisations.of(caller, "registration");
            wireRule.check(request);
            Submission submission = XdsMessages.readSubmission(request, profile);
            setId = submission.submissionSet().uniqueId();
            Submission stored = action.apply(submission, registrant);
            String id = setId;
            // FINE: a line per stored submission cost 2-3 % of the registry's CPU per single-entry registration (JFR);
            // refusals and failures stay at INFO and above.
            LOG.fine(() -> "event=" + event + " submissionSet=" + id + " patient=" + stored.submissionSet().patientId().toCx()
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
