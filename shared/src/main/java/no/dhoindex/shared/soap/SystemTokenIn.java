package no.dhoindex.shared.soap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.logging.Logger;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Source side, for calls an organisation's own systems make (register, provide): the HTTP request
 * must carry that system's DPoP-bound access token (HelseID client credentials), verified by the
 * given chain (fail closed). The verified caller is left on the exchange ({@code VerifiedCaller.class})
 * for the rules that depend on who it is; a refusal is a SOAP 1.2 Sender fault with HTTP 401/403
 * and {@code WWW-Authenticate}, and is logged.
 */
public class SystemTokenIn implements Credential {

    private static final Logger LOG = Logger.getLogger(SystemTokenIn.class.getName());

    private final AccessTokenVerifier verifier;

    /** Listed in an endpoint's {@link OperationSecurity} for the operations that need a system's token. */
    public SystemTokenIn(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void verify(SoapMessage message) {
        HttpServletRequest http = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        try {
            if (http == null) {
                throw new TokenRefusal(TokenRefusal.Kind.MISSING_TOKEN, "transport", "the call came without HTTP");
            }
            VerifiedCaller caller = verifier.verify(ResourceRequest.of(http));
            LOG.info(() -> "event=system-token-accepted client=" + caller.clientId() + " organisation="
                    + caller.organisation() + " path=" + http.getRequestURI());
            message.getExchange().put(VerifiedCaller.class, caller);
        } catch (TokenRefusal refusal) {
            LOG.warning(() -> "event=system-token-refused check=" + refusal.check() + " status="
                    + refusal.kind().httpStatus() + " reason=\"" + refusal.getMessage() + "\"");
            HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
            if (response != null) {
                response.setHeader("WWW-Authenticate", refusal.wwwAuthenticate());
            }
            SoapFault fault = new SoapFault(refusal.getMessage(), Soap12.getInstance().getSender());
            fault.setStatusCode(refusal.kind().httpStatus());
            throw fault;
        }
    }
}
