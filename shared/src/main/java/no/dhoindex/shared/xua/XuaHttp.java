package no.dhoindex.shared.xua;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/**
 * The same XUA assertion a source takes on its SOAP side, carried on a plain HTTP call (the
 * adapters' FHIR search): {@code Authorization: SAML <base64url of the signed assertion>}, in the
 * manner of RFC 7522's encoding of a SAML bearer assertion. The source checks it exactly as
 * {@code XuaIn} does (signature by a trusted issuer, audience, validity, form, served role and
 * purpose); only the transport differs.
 */
public final class XuaHttp {

    public static final String SCHEME = "SAML";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private XuaHttp() {
    }

    /** The Authorization header value carrying the assertion. */
    public static String header(Element assertion) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter xml = new StringWriter();
            transformer.transform(new DOMSource(assertion), new StreamResult(xml));
            return SCHEME + " " + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(xml.toString().getBytes(StandardCharsets.UTF_8));
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("the assertion could not be written", e);
        }
    }

    /** The verified claims of the call's assertion; a refusal (401 invalid, 403 not served) otherwise. */
    public static XuaClaims verify(String authorization, TrustedIssuers issuers, String audience, XuaPolicy policy)
            throws XuaRefusal {
        return verify(authorization, issuers, audience, policy, Instant.now());
    }

    /**
     * As {@link #verify(String, TrustedIssuers, String, XuaPolicy)} at {@code now}. An assertion verified before
     * against the same certificates, audience and policy and still valid is not parsed and verified again
     * ({@link TrustedIssuers}); whether its role and purpose are served is checked on every call.
     */
    static XuaClaims verify(String authorization, TrustedIssuers issuers, String audience, XuaPolicy policy, Instant now)
            throws XuaRefusal {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            throw new XuaRefusal("the call carries no XUA assertion (Authorization: " + SCHEME + ")");
        }
        TrustedIssuers.Trusted trust = issuers.current();
        XuaClaims claims = issuers.remembered(trust, authorization, audience, policy, now, SKEW);
        if (claims == null) {
            Element assertion;
            try {
                byte[] xml = Base64.getUrlDecoder().decode(authorization.substring(SCHEME.length() + 1).trim());
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setExpandEntityReferences(false);
                assertion = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
            } catch (Exception e) {
                throw new XuaRefusal("the XUA assertion could not be read");
            }
            if (!"Assertion".equals(assertion.getLocalName())) {
                throw new XuaRefusal("the Authorization header holds no SAML assertion");
            }
            XuaAssertions.Validated validated = XuaAssertions.validated(assertion, trust.certificates(), audience, now,
                    SKEW, policy);
            issuers.remember(trust, authorization, audience, policy, validated);
            claims = validated.claims();
        }
        XuaAssertions.requireServed(claims, policy);
        return claims;
    }
}
