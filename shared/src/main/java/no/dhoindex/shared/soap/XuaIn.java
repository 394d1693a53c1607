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
import no.dhoindex.shared.xua.XuaKeys;
import no.dhoindex.shared.xua.XuaRefusal;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Source side: every call must carry a valid XUA assertion in {@code wsse:Security} (fail closed):
 * signed by an issuer in the trust store, for this service's audience, within its validity window,
 * one purpose of use (one this source serves), one role. The claims are left on the message ({@code XuaClaims.class}) for the
 * source's access rules; a refusal is a SOAP 1.2 Sender fault with HTTP 401, and logged.
 */
public class XuaIn extends AbstractSoapInterceptor {

    private static final Logger LOG = Logger.getLogger(XuaIn.class.getName());

    private final Supplier<String> audience;
    private final Path trustStore;
    private final Set<String> purposesOfUse;

    private final Set<String> actions;

    /** Told of every refusal (for the source's access log): the claims if the assertion itself was valid, and why. */
    public interface Refusals {
        void refused(XuaClaims claims, String action, String reason);
    }

    private volatile Refusals refusals = (claims, action, reason) -> { };

    public XuaIn onRefusal(Refusals listener) {
        this.refusals = listener;
        return this;
    }

    /** @param purposesOfUse the purposes of use this source serves (ATT-5); others are refused with 403 */
    public XuaIn(Supplier<String> audience, Path trustStore, Set<String> purposesOfUse) {
        this(audience, trustStore, purposesOfUse, Set.of());
    }

    /** @param actions the WS-Addressing actions that need an assertion (empty: all) */
    public XuaIn(Supplier<String> audience, Path trustStore, Set<String> purposesOfUse, Set<String> actions) {
        super(Phase.PRE_PROTOCOL);
        this.audience = audience;
        this.trustStore = trustStore;
        this.purposesOfUse = Set.copyOf(purposesOfUse);
        this.actions = Set.copyOf(actions);
    }

    private record Trusted(String state, java.util.List<java.security.cert.X509Certificate> certificates) {
    }

    private volatile Trusted trusted = new Trusted("", java.util.List.of());

    /**
     * The trust store's certificates, parsed again only when its files change (issuers may be added
     * while the source runs; every call must not pay for reading and parsing them).
     */
    private java.util.List<java.security.cert.X509Certificate> trusted() {
        String state;
        try (var files = java.nio.file.Files.list(trustStore)) {
            state = files.map(f -> f.getFileName() + ":" + f.toFile().lastModified() + ":" + f.toFile().length())
                    .sorted().reduce("", String::concat);
        } catch (java.io.IOException e) {
            state = "missing";
        }
        Trusted current = trusted;
        if (!current.state().equals(state)) {
            current = new Trusted(state, XuaKeys.trusted(trustStore));
            trusted = current;
        }
        return current.certificates();
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(XuaHeader.SECURITY);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (!Actions.guarded(actions, message)) {
            return;
        }
        Header header = message.getHeader(XuaHeader.SECURITY);
        try {
            if (header == null || !(header.getObject() instanceof Element security)) {
                throw new XuaRefusal("the call carries no XUA assertion (wsse:Security)");
            }
            Element assertion = null;
            for (Node n = security.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "Assertion".equals(e.getLocalName())) {
                    assertion = e;
                }
            }
            if (assertion == null) {
                throw new XuaRefusal("the security header holds no SAML assertion");
            }
            XuaClaims claims = XuaAssertions.validate(assertion, trusted(), audience.get(),
                    Instant.now(), Duration.ofSeconds(30));
            if (!purposesOfUse.contains(claims.purposeOfUse())) {
                LOG.warning(() -> "event=xua-refused reason=\"purpose of use " + claims.purposeOfUse() + " not served\"");
                String reason = "the purpose of use " + claims.purposeOfUse() + " is not allowed at this source";
                refusals.refused(claims, Actions.of(message), reason);
                SoapFault fault = new SoapFault(reason, org.apache.cxf.binding.soap.Soap12.getInstance().getSender());
                fault.setStatusCode(403);
                throw fault;
            }
            LOG.info(() -> "event=xua-accepted hpr=" + claims.hprNumber() + " organisation=" + claims.organizationId()
                    + " purpose=" + claims.purposeOfUse() + ("BTG".equals(claims.purposeOfUse()) ? " emergency=true" : ""));
            message.put(XuaClaims.class, claims);
            message.getExchange().put(XuaClaims.class, claims);
        } catch (XuaRefusal refusal) {
            LOG.warning(() -> "event=xua-refused reason=\"" + refusal.getMessage() + "\"");
            refusals.refused(null, Actions.of(message), refusal.getMessage());
            SoapFault fault = new SoapFault(refusal.getMessage(), org.apache.cxf.binding.soap.Soap12.getInstance().getSender());
            fault.setStatusCode(401);
            throw fault;
        }
    }
}
