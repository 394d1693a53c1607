package no.dhoindex.registry.interfaces.soap;

import java.util.function.Function;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * The organisation behind a change to the registry's pointers (ITI-42, ITI-61, ITI-62): the one whose
 * system's token SystemTokenIn verified for the call. Without one the change is refused (fail closed).
 */
public final class SubmittingOrganisation {

    private final Function<VerifiedCaller, Registrant> registrants;

    /**
     * @param registrants the organisation behind a verified system token; null: changes are not
     *                    checked (only where switched off, for benchmarks)
     */
    public SubmittingOrganisation(Function<VerifiedCaller, Registrant> registrants) {
        this.registrants = registrants;
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public Registrant of(VerifiedCaller caller, String what) {
        if (registrants == null) {
            return Registrant.UNCHECKED;
        }
        if (caller == null) {
            throw fault("the " + what + " carries no verified system token", 401);
        }
        return registrants.apply(caller);
    }

    /** A SOAP 1.2 Sender fault with its HTTP status: a refusal of the caller, not of the metadata. */
    public static SoapFault fault(String reason, int status) {
        SoapFault fault = new SoapFault(reason, Soap12.getInstance().getSender());
        fault.setStatusCode(status);
        return fault;
    }
}
