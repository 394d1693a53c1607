package no.dhoindex.shared.xua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.X509Data;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.Signer;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class XuaAssertionsTest {

    @TempDir
    Path dir;

    private static final XuaClaims CLAIMS = new XuaClaims("05076600324", "Anne Lege", "9144897", "Demo kommune",
            "974589095", "TREAT", "LE", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO", "urn:oid:2.16.578.1.12.4.1.7.1.2");

    private XuaKeys.Signer gateway() {
        return XuaKeys.loadOrCreate(dir.resolve("gateway"), "dho-gateway", dir.resolve("trusted"));
    }

    @Test
    void aSignedAssertionFromATrustedIssuerSaysWhoWhyAndAboutWhom() throws Exception {
        Element assertion = XuaAssertions.issue(CLAIMS, "dho-gateway", "urn:oid:2.16.578.1.12.4.1.7.1.2",
                Duration.ofMinutes(5), gateway());
        XuaClaims read = XuaAssertions.validate(assertion, XuaKeys.trusted(dir.resolve("trusted")),
                "urn:oid:2.16.578.1.12.4.1.7.1.2", Instant.now(), Duration.ofSeconds(30));
        assertEquals(CLAIMS, read);
    }

    @Test
    void expiredNotYetValidForeignAndMisaddressedAssertionsAreRefused() throws Exception {
        XuaKeys.Signer signer = gateway();
        var trusted = XuaKeys.trusted(dir.resolve("trusted"));
        Element assertion = XuaAssertions.issue(CLAIMS, "dho-gateway", "aud", Duration.ofMinutes(5), signer);
        assertTrue(refused(assertion, trusted, "aud", Instant.now().plus(Duration.ofMinutes(10))).contains("expired"));
        assertTrue(refused(assertion, trusted, "aud", Instant.now().minus(Duration.ofMinutes(10))).contains("not yet"));
        assertTrue(refused(assertion, trusted, "another", Instant.now()).contains("audience"));
        XuaKeys.Signer stranger = XuaKeys.loadOrCreate(dir.resolve("stranger"), "stranger", null);
        Element foreign = XuaAssertions.issue(CLAIMS, "stranger", "aud", Duration.ofMinutes(5), stranger);
        assertTrue(refused(foreign, trusted, "aud", Instant.now()).contains("trusted issuer"));
    }

    @Test
    void anUnsignedAssertionIsRefused() throws Exception {
        Element assertion = XuaAssertions.issue(CLAIMS, "dho-gateway", "aud", Duration.ofMinutes(5), gateway());
        var signature = assertion.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
        assertion.removeChild(signature);
        assertTrue(refused(assertion, XuaKeys.trusted(dir.resolve("trusted")), "aud", Instant.now()).contains("not signed"));
    }

    @Test
    void theTrustStoreHoldsThePublishedCertificate() throws Exception {
        gateway();
        assertTrue(Files.exists(dir.resolve("trusted/dho-gateway.crt")));
        assertEquals(1, XuaKeys.trusted(dir.resolve("trusted")).size());
    }

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final XuaPolicy POLICY = XuaPolicy.of(null, null, null, Set.of("TREAT"));

    @Test
    void theRoleAndPurposeOfUseTravelAsHl7CodesAndAnAuthnContextIsStated() throws Exception {
        Element assertion = XuaAssertions.issue(CLAIMS, "dho-gateway", "aud", Duration.ofMinutes(5), gateway());
        Element role = (Element) assertion.getElementsByTagNameNS(XuaAssertions.HL7, "Role").item(0);
        assertEquals("LE", role.getAttribute("code"));
        assertEquals("2.16.578.1.12.4.1.1.9060", role.getAttribute("codeSystem"));
        Element purpose = (Element) assertion.getElementsByTagNameNS(XuaAssertions.HL7, "PurposeOfUse").item(0);
        assertEquals("TREAT", purpose.getAttribute("code"));
        assertEquals("2.16.840.1.113883.1.11.20448", purpose.getAttribute("codeSystem"));
        assertEquals(1, assertion.getElementsByTagNameNS(SAML, "AuthnContextClassRef").getLength());
        XuaClaims read = XuaAssertions.validate(assertion, XuaKeys.trusted(dir.resolve("trusted")), "aud",
                Instant.now(), Duration.ofSeconds(30), POLICY);
        XuaAssertions.requireServed(read, POLICY);
        assertEquals(CLAIMS, read);
    }

    @Test
    void anAssertionWithoutAnAcceptedAuthnContextIsRefused() throws Exception {
        assertTrue(refusedAfter(a -> remove(a, "AuthnStatement")).contains("no AuthnStatement"));
        assertTrue(refusedAfter(a -> first(a, SAML, "AuthnContextClassRef")
                .setTextContent("urn:oasis:names:tc:SAML:2.0:ac:classes:Password")).contains("authentication context"));
    }

    @Test
    void exactlyOneRoleFromTheConfiguredCodeSystemIsRequired() throws Exception {
        assertTrue(refusedAfter(a -> duplicate(attribute(a, XuaAssertions.ROLE))).contains("more than one"));
        assertTrue(refusedAfter(a -> remove(attribute(a, XuaAssertions.ROLE))).contains("states no"));
        assertTrue(refusedAfter(a -> first(a, XuaAssertions.HL7, "Role")
                .setAttribute("codeSystem", "2.16.578.1.12.4.1.1.9999")).contains("code system"));
        assertTrue(refusedAfter(a -> {
            Element value = first(attribute(a, XuaAssertions.ROLE), SAML, "AttributeValue");
            value.removeChild(first(value, XuaAssertions.HL7, "Role"));
            value.setTextContent("LE");
        }).contains("hl7:Role"));
    }

    @Test
    void aRoleNotServedIsForbiddenNotInvalid() throws Exception {
        Element assertion = resigned(a -> first(a, XuaAssertions.HL7, "Role").setAttribute("code", "XX"));
        XuaClaims claims = XuaAssertions.validate(assertion, XuaKeys.trusted(dir.resolve("trusted")), "aud",
                Instant.now(), Duration.ofSeconds(30), POLICY);
        XuaRefusal refusal = assertThrows(XuaRefusal.class, () -> XuaAssertions.requireServed(claims, POLICY));
        assertEquals(403, refusal.httpStatus());
        assertTrue(refusal.getMessage().contains("role XX"));
        XuaRefusal purpose = assertThrows(XuaRefusal.class, () -> XuaAssertions.requireServed(CLAIMS,
                XuaPolicy.of(null, null, null, Set.of("ETREAT"))));
        assertEquals(403, purpose.httpStatus());
    }

    @Test
    void exactlyOnePurposeOfUseIsRequired() throws Exception {
        assertTrue(refusedAfter(a -> duplicate(attribute(a, XuaAssertions.PURPOSE_OF_USE))).contains("more than one"));
        assertTrue(refusedAfter(a -> first(a, XuaAssertions.HL7, "PurposeOfUse")
                .setAttribute("codeSystem", "1.2.3")).contains("code system"));
    }

    @Test
    void theResourceIdIsOnePatientWithItsAuthority() throws Exception {
        assertTrue(refusedAfter(a -> first(attribute(a, XuaAssertions.RESOURCE_ID), SAML, "AttributeValue")
                .setTextContent("15077510041")).contains("not a patient id"));
        // The same digits under another authority are another person.
        assertTrue(refusedAfter(a -> first(duplicate(attribute(a, XuaAssertions.RESOURCE_ID)), SAML, "AttributeValue")
                .setTextContent("15077510041^^^&2.16.578.1.12.4.1.4.2&ISO")).contains("different patients"));
        Element same = resigned(a -> duplicate(attribute(a, XuaAssertions.RESOURCE_ID)));
        assertEquals(CLAIMS.patientCx(), XuaAssertions.validate(same, XuaKeys.trusted(dir.resolve("trusted")), "aud",
                Instant.now(), Duration.ofSeconds(30), POLICY).patientCx());
    }

    @Test
    void aConsentWithoutThePatientIsRefused() throws Exception {
        assertTrue(refusedAfter(a -> {
            Element resource = attribute(a, XuaAssertions.RESOURCE_ID);
            resource.setAttribute("Name", XuaAssertions.BPPC_DOCUMENT_ID);
            first(resource, SAML, "AttributeValue").setTextContent("urn:oid:1.2.3.4");
        }).contains("consent"));
        assertTrue(refusedAfter(a -> attribute(a, XuaAssertions.RESOURCE_ID).setAttribute("Name", XuaAssertions.ACP))
                .contains("consent"));
        Element withPatient = resigned(a -> duplicate(attribute(a, XuaAssertions.RESOURCE_ID))
                .setAttribute("Name", XuaAssertions.BPPC_DOCUMENT_ID));
        XuaAssertions.validate(withPatient, XuaKeys.trusted(dir.resolve("trusted")), "aud", Instant.now(),
                Duration.ofSeconds(30), POLICY);
    }

    private interface Edit {
        void apply(Element assertion);
    }

    private String refusedAfter(Edit edit) throws Exception {
        XuaRefusal refusal = assertThrows(XuaRefusal.class, () -> XuaAssertions.validate(resigned(edit),
                XuaKeys.trusted(dir.resolve("trusted")), "aud", Instant.now(), Duration.ofSeconds(30), POLICY));
        assertEquals(401, refusal.httpStatus());
        return refusal.getMessage();
    }

    /** An assertion of the trusted gateway, edited and signed again (so only the edit can be refused). */
    private Element resigned(Edit edit) throws Exception {
        XuaKeys.Signer signer = gateway();
        Element element = XuaAssertions.issue(CLAIMS, "dho-gateway", "aud", Duration.ofMinutes(5), signer);
        element.removeChild(first(element, "http://www.w3.org/2000/09/xmldsig#", "Signature"));
        edit.apply(element);
        Assertion assertion = (Assertion) XMLObjectProviderRegistrySupport.getUnmarshallerFactory()
                .getUnmarshaller(element).unmarshall(element);
        assertion.releaseDOM();
        assertion.releaseChildrenDOM(true);
        Signature signature = build(Signature.DEFAULT_ELEMENT_NAME);
        signature.setSigningCredential(new BasicX509Credential(signer.certificate(), signer.key()));
        signature.setSignatureAlgorithm(SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256);
        signature.setCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        KeyInfo keyInfo = build(KeyInfo.DEFAULT_ELEMENT_NAME);
        X509Data data = build(X509Data.DEFAULT_ELEMENT_NAME);
        org.opensaml.xmlsec.signature.X509Certificate cert =
                build(org.opensaml.xmlsec.signature.X509Certificate.DEFAULT_ELEMENT_NAME);
        cert.setValue(java.util.Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
        data.getX509Certificates().add(cert);
        keyInfo.getX509Datas().add(data);
        signature.setKeyInfo(keyInfo);
        assertion.setSignature(signature);
        Element signed = XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(assertion)
                .marshall(assertion);
        Signer.signObject(signature);
        return signed;
    }

    @SuppressWarnings("unchecked")
    private static <T> T build(javax.xml.namespace.QName name) {
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilder(name).buildObject(name);
    }

    private static Element first(Element in, String namespace, String localName) {
        return (Element) in.getElementsByTagNameNS(namespace, localName).item(0);
    }

    private static Element attribute(Element assertion, String name) {
        var attributes = assertion.getElementsByTagNameNS(SAML, "Attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            if (name.equals(attribute.getAttribute("Name"))) {
                return attribute;
            }
        }
        throw new AssertionError("no attribute " + name);
    }

    private static void remove(Element assertion, String localName) {
        remove(first(assertion, SAML, localName));
    }

    private static void remove(Node node) {
        node.getParentNode().removeChild(node);
    }

    private static Element duplicate(Element element) {
        Element copy = (Element) element.cloneNode(true);
        element.getParentNode().insertBefore(copy, element.getNextSibling());
        return copy;
    }


    private static String refused(Element assertion, List<java.security.cert.X509Certificate> trusted, String audience,
                                  Instant at) {
        return assertThrows(XuaRefusal.class, () -> XuaAssertions.validate(assertion, trusted, audience, at,
                Duration.ofSeconds(30))).getMessage();
    }
}
