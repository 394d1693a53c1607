package no.dhoindex.shared.xua;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/**
 * The XUA issuers a source trusts: the certificates in its trust store ({@code dho.xua.trustStore}),
 * parsed again only when the store's files change (issuers may be added while the source runs; a
 * call must not pay for reading and parsing them). It also remembers the assertions it verified, by
 * their exact text ({@link XuaHttp}, {@link #verify}): the gateway reuses a signed assertion for a user, patient and
 * source for a minute, and parsing it and checking its signature again on every call was most of a
 * source's check. A remembered assertion is given again only while the certificates it was verified
 * against are still the ones trusted and while it is valid; a refusal is never remembered.
 */
public final class TrustedIssuers {

    /** The certificates of one state of the trust store. */
    record Trusted(String state, List<X509Certificate> certificates) {
    }

    /** The assertion's exact text (the HTTP header's value, or the serialized SOAP header element). */
    private record Call(String text, String audience, XuaPolicy policy) {
    }

    private record Verified(Trusted against, XuaAssertions.Validated validated) {
    }

    private static final int REMEMBERED = 256;

    private final Path trustStore;
    private volatile Trusted trusted = new Trusted("", List.of());
    private final Map<Call, Verified> verified = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Call, Verified> eldest) {
            return size() > REMEMBERED;
        }
    };

    public TrustedIssuers(Path trustStore) {
        this.trustStore = trustStore;
    }

    public List<X509Certificate> certificates() {
        return current().certificates();
    }

    /**
     * The claims of an assertion from a SOAP call's security header, checked against the trust store as it is now
     * (signature by a trusted issuer, audience, validity, form); a refusal (401) otherwise. As on HTTP, an assertion
     * verified before with the same text, audience and policy against the same certificates, and still valid, is
     * not verified again. Whether its role and purpose are served is the caller's check
     * ({@link XuaAssertions#requireServed}), made on every call.
     */
    public XuaClaims verify(Element assertion, String audience, XuaPolicy policy, Instant now, Duration skew)
            throws XuaRefusal {
        Trusted trust = current();
        String text = text(assertion);
        XuaClaims claims = remembered(trust, text, audience, policy, now, skew);
        if (claims == null) {
            XuaAssertions.Validated validated = XuaAssertions.validated(assertion, trust.certificates(), audience, now,
                    skew, policy);
            remember(trust, text, audience, policy, validated);
            claims = validated.claims();
        }
        return claims;
    }

    /** One serializer per thread: a factory lookup per call would cost more than the memory saves. */
    private static final ThreadLocal<Transformer> SERIALIZER = ThreadLocal.withInitial(() -> {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            return transformer;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("no XML serializer", e);
        }
    });

    /**
     * The assertion's whole text with the namespace declarations its names need: two assertions with the same text
     * are the same assertion, so the text is the key of the memory (the signature value alone would not be).
     */
    private static String text(Element assertion) throws XuaRefusal {
        StringWriter xml = new StringWriter(4096);
        try {
            SERIALIZER.get().transform(new DOMSource(assertion), new StreamResult(xml));
        } catch (TransformerException e) {
            throw new XuaRefusal("the SAML assertion cannot be read");
        }
        return xml.toString();
    }

    /** The trust store's certificates as they are now. */
    Trusted current() {
        String state;
        try (var files = Files.list(trustStore)) {
            state = files.map(f -> f.getFileName() + ":" + f.toFile().lastModified() + ":" + f.toFile().length())
                    .sorted().reduce("", String::concat);
        } catch (IOException e) {
            state = "missing";
        }
        Trusted current = trusted;
        if (!current.state().equals(state)) {
            current = new Trusted(state, XuaKeys.trusted(trustStore));
            trusted = current;
        }
        return current;
    }

    /**
     * What an assertion verified against {@code trust} for this audience and policy established, if it is
     * still valid at {@code now} (within {@code skew}); null otherwise, and then it must be verified in full.
     */
    synchronized XuaClaims remembered(Trusted trust, String text, String audience, XuaPolicy policy,
                                      Instant now, Duration skew) {
        Call call = new Call(text, audience, policy);
        Verified known = verified.get(call);
        if (known == null) {
            return null;
        }
        XuaAssertions.Validated v = known.validated();
        if (known.against() != trust || now.plus(skew).isBefore(v.notBefore())
                || !now.minus(skew).isBefore(v.notOnOrAfter())) {
            verified.remove(call);
            return null;
        }
        return v.claims();
    }

    /** Remembers an assertion that passed every check against {@code trust}. */
    synchronized void remember(Trusted trust, String text, String audience, XuaPolicy policy,
                               XuaAssertions.Validated validated) {
        verified.put(new Call(text, audience, policy), new Verified(trust, validated));
    }

    /** How many verified assertions are remembered (for tests). */
    synchronized int rememberedCount() {
        return verified.size();
    }
}
