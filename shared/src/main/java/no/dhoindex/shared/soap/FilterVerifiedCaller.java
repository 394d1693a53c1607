package no.dhoindex.shared.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Logger;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * For endpoints behind a servlet filter that verifies the caller's token for the whole HTTP request
 * (the gateway's CallerGate): the operation needs the caller that filter left on the request
 * (a request attribute); it is put on the exchange ({@code VerifiedCaller.class}). No caller there is a
 * 401, never "allowed".
 */
public final class FilterVerifiedCaller implements Credential {

    /** The request attribute under which the filter leaves the {@link VerifiedCaller}, unless told another. */
    public static final String ATTRIBUTE = VerifiedCaller.class.getName();

    private static final Logger LOG = Logger.getLogger(FilterVerifiedCaller.class.getName());

    private final String attribute;

    public FilterVerifiedCaller() {
        this(ATTRIBUTE);
    }

    /** @param attribute the request attribute the filter in front leaves the verified caller under */
    public FilterVerifiedCaller(String attribute) {
        this.attribute = attribute;
    }

    @Override
    public void verify(SoapMessage message) {
        HttpServletRequest http = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        Object caller = http == null ? null : http.getAttribute(attribute);
        if (!(caller instanceof VerifiedCaller verified)) {
            LOG.warning("event=soap-refused reason=\"no verified caller on the request\"");
            SoapFault fault = new SoapFault("The call carries no verified access token", Soap12.getInstance().getSender());
            fault.setStatusCode(401);
            throw fault;
        }
        message.getExchange().put(VerifiedCaller.class, verified);
    }

    @Override
    public String toString() {
        return "USER_TOKEN(verified by the servlet filter)";
    }
}
