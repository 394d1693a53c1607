package no.dhoindex.adapters.interfaces.soap;

import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.util.Optional;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xua.XuaCallers;
import no.dhoindex.shared.xua.XuaClaims;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * The wire layer's one way to the caller of the call being answered: what the security
 * interceptors verified and left on this call's message ({@code XuaIn}: {@link XuaClaims},
 * {@code SystemTokenIn}: {@link VerifiedCaller}), read from the endpoint's own message context and
 * handed to the application services as an explicit {@link Caller}. Nothing verified is a refusal
 * (SOAP Sender fault, HTTP 401), never an unchecked call.
 */
final class SoapCallers {

    private SoapCallers() {
    }

    /** The verified XUA claims of this call, if its assertion passed {@code XuaIn}. */
    static Optional<XuaClaims> claims(WebServiceContext context) {
        return Optional.ofNullable(property(context, XuaClaims.class));
    }

    /** The health professional a trusted gateway's assertion vouches for, bound to its patient. */
    static Caller vouchedFor(Optional<XuaClaims> claims) {
        return XuaCallers.of(claims.orElseThrow(() -> fault("the call carries no verified XUA assertion", 401)));
    }

    /** The organisation's own system whose token {@code SystemTokenIn} verified. */
    static Caller ownSystem(WebServiceContext context) {
        VerifiedCaller verified = property(context, VerifiedCaller.class);
        if (verified == null) {
            throw fault("the call carries no verified system token", 401);
        }
        return Caller.organisationSystem(verified.clientId(), verified.organisation());
    }

    /** An access refusal as the caller sees it: a Sender fault with its reason and HTTP 403. */
    static SoapFault refused(AccessDenied denied) {
        return fault(denied.getMessage(), 403);
    }

    private static SoapFault fault(String reason, int status) {
        SoapFault fault = new SoapFault(reason, Soap12.getInstance().getSender());
        fault.setStatusCode(status);
        return fault;
    }

    private static <T> T property(WebServiceContext context, Class<T> type) {
        MessageContext message = context == null ? null : context.getMessageContext();
        Object value = message == null ? null : message.get(type.getName());
        return type.isInstance(value) ? type.cast(value) : null;
    }
}
