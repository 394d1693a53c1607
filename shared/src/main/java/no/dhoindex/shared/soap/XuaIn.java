package no.dhoindex.shared.soap;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.xml.namespace.QName;
import no.dhoindex.shared.xua.XuaAssertions;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaPolicy;
import no.dhoindex.shared.xua.XuaRefusal;
import no.dhoindex.shared.xua.TrustedIssuers;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Source side, for the operations an endpoint's {@link OperationSecurity} lists as XUA: the call must
 * carry a valid XUA assertion in {@code wsse:Security} (fail closed): signed by an issuer in the trust
 * store, for this service's audience, within its validity window, in the form {@link XuaPolicy} asks
 * (authentication context, one role, one purpose of use, one patient), for a role and purpose this
 * source serves. The claims are left on the exchange ({@code XuaClaims.class}) for the source's access
 * rules; a refusal is a SOAP 1.2 Sender fault with HTTP 401 (invalid assertion) or 403 (not served),
 * logged and told to the {@link Refusals} listener.
 */
public class XuaIn implements Credential {

    private static final Logger LOG = Logger.getLogger(XuaIn.class.getName());
    private static final QName ACTION = new QName(AddressingHeaders.WSA, "Action");

    private final Supplier<String> audience;
    private final TrustedIssuers trusted;
    private final XuaPolicy policy;

    /** Told of every refusal (for the source's access log): the claims if the assertion itself was valid, and why. */
    public interface Refusals {
        void refused(XuaClaims claims, String action, String reason);
    }

    private volatile Refusals refusals = (claims, action, reason) -> { };

    public XuaIn onRefusal(Refusals listener) {
        this.refusals = listener;
        return this;
    }

    /** @param policy what this source asks of an assertion, and the roles and purposes of use it serves */
    public XuaIn(Supplier<String> audience, Path trustStore, XuaPolicy policy) {
        this.audience = audience;
        this.trusted = new TrustedIssuers(trustStore);
        this.policy = policy;
    }

    @Override
    public Set<QName> understoodHeaders() {
        return Set.of(XuaHeader.SECURITY);
    }

    @Override
    public void verify(SoapMessage message) {
        XuaClaims claims = null;
        try {
            claims = trusted.verify(assertion(message), audience.get(), policy, Instant.now(), Duration.ofSeconds(30));
            XuaAssertions.requireServed(claims, policy);
        } catch (XuaRefusal refusal) {
            XuaClaims valid = claims;
            LOG.warning(() -> "event=xua-refused status=" + refusal.httpStatus() + " reason=\"" + refusal.getMessage()
                    + "\"" + (valid == null ? "" : " hpr=" + valid.hprNumber() + " organisation=" + valid.organizationId()));
            refusals.refused(valid, action(message), refusal.getMessage());
            SoapFault fault = new SoapFault(refusal.getMessage(), Soap12.getInstance().getSender());
            fault.setStatusCode(refusal.httpStatus());
            throw fault;
        }
        XuaClaims accepted = claims;
        LOG.info(() -> "event=xua-accepted hpr=" + accepted.hprNumber() + " organisation=" + accepted.organizationId()
                + " role=" + accepted.role() + " purpose=" + accepted.purposeOfUse()
                + ("BTG".equals(accepted.purposeOfUse()) ? " emergency=true" : ""));
        message.put(XuaClaims.class, claims);
        message.getExchange().put(XuaClaims.class, claims);
    }

    private static Element assertion(SoapMessage message) throws XuaRefusal {
        if (message.getHeaders().stream().filter(h -> XuaHeader.SECURITY.equals(h.getName())).count() > 1) {
            throw new XuaRefusal("the call carries more than one wsse:Security header");
        }
        Header header = message.getHeader(XuaHeader.SECURITY);
        if (header == null || !(header.getObject() instanceof Element security)) {
            throw new XuaRefusal("the call carries no XUA assertion (wsse:Security)");
        }
        Element assertion = null;
        for (Node n = security.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Assertion".equals(e.getLocalName())) {
                if (assertion != null) {
                    throw new XuaRefusal("the security header holds more than one SAML assertion");
                }
                assertion = e;
            }
        }
        if (assertion == null) {
            throw new XuaRefusal("the security header holds no SAML assertion");
        }
        return assertion;
    }

    /** The message's one wsa:Action ({@link AddressingHeaders}), which names the dispatched operation. */
    private static String action(SoapMessage message) {
        Header action = message.getHeader(ACTION);
        return action != null && action.getObject() instanceof Element e ? e.getTextContent().trim() : null;
    }
}
