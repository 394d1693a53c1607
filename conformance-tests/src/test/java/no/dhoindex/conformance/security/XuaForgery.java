package no.dhoindex.conformance.security;

import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import no.dhoindex.shared.xua.XuaKeys;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.X509Certificate;
import org.opensaml.xmlsec.signature.X509Data;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.Signer;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Assertions a gateway would never send, made from a real one: an edit of its DOM, then signed again
 * (by the trusted key, or by another) or not at all. Whatever the issuing code puts in an assertion,
 * each variant differs from a valid one by exactly its defect.
 */
final class XuaForgery {

    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private XuaForgery() {
    }

    /** The assertion edited by {@code edit} and signed by {@code signer} ({@code null}: left unsigned). */
    static Element forge(Element original, Consumer<Element> edit, XuaKeys.Signer signer) {
        Element copy = (Element) original.cloneNode(true);
        for (Element signature : descendants(copy, DSIG, "Signature")) {
            signature.getParentNode().removeChild(signature);
        }
        edit.accept(copy);
        return signer == null ? copy : sign(copy, signer);
    }

    private static Element sign(Element assertionElement, XuaKeys.Signer signer) {
        try {
            Assertion assertion = (Assertion) XMLObjectProviderRegistrySupport.getUnmarshallerFactory()
                    .getUnmarshaller(assertionElement).unmarshall(assertionElement);
            assertion.releaseDOM();
            assertion.releaseChildrenDOM(true);
            Signature signature = build(Signature.DEFAULT_ELEMENT_NAME);
            signature.setSigningCredential(new BasicX509Credential(signer.certificate(), signer.key()));
            signature.setSignatureAlgorithm(SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256);
            signature.setCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            KeyInfo keyInfo = build(KeyInfo.DEFAULT_ELEMENT_NAME);
            X509Data data = build(X509Data.DEFAULT_ELEMENT_NAME);
            X509Certificate cert = build(X509Certificate.DEFAULT_ELEMENT_NAME);
            cert.setValue(Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
            data.getX509Certificates().add(cert);
            keyInfo.getX509Datas().add(data);
            signature.setKeyInfo(keyInfo);
            assertion.setSignature(signature);
            Element signed = XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(assertion)
                    .marshall(assertion);
            Signer.signObject(signature);
            return signed;
        } catch (CertificateEncodingException | org.opensaml.core.xml.io.UnmarshallingException
                 | org.opensaml.core.xml.io.MarshallingException
                 | org.opensaml.xmlsec.signature.support.SignatureException e) {
            throw new IllegalStateException("The forged assertion could not be signed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T build(javax.xml.namespace.QName name) {
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilder(name).buildObject(name);
    }

    /** The saml:Attribute named {@code name}. */
    static Element attribute(Element assertion, String name) {
        for (Element a : descendants(assertion, SAML, "Attribute")) {
            if (name.equals(a.getAttribute("Name"))) {
                return a;
            }
        }
        throw new IllegalStateException("The assertion has no attribute " + name);
    }

    /** Its first AttributeValue. */
    static Element value(Element attribute) {
        return descendants(attribute, SAML, "AttributeValue").get(0);
    }

    /** A second value for an attribute: a copy of the first, changed by {@code change}. */
    static void addValue(Element assertion, String name, Consumer<Element> change) {
        Element attribute = attribute(assertion, name);
        Element second = (Element) value(attribute).cloneNode(true);
        change.accept(second);
        attribute.appendChild(second);
    }

    /** Sets a coded value: the code attribute of an HL7 CE inside the value, or the value's text. */
    static void code(Element value, String code) {
        List<Element> coded = codedElements(value);
        if (coded.isEmpty()) {
            value.setTextContent(code);
        } else {
            coded.forEach(c -> c.setAttribute("code", code));
        }
    }

    /** A coded value from another code system: the CE's codeSystem, or a CE where the value was plain text. */
    static void codeSystem(Element value, String codeSystem) {
        List<Element> coded = codedElements(value);
        if (coded.isEmpty()) {
            String code = value.getTextContent().trim();
            value.setTextContent("");
            // A typed string cannot hold an element: the value becomes untyped content, as an HL7 CE is sent.
            value.removeAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type");
            Element ce = value.getOwnerDocument().createElementNS("urn:hl7-org:v3", "hl7:Role");
            ce.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:hl7", "urn:hl7-org:v3");
            ce.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
            ce.setAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "xsi:type", "hl7:CE");
            ce.setAttribute("code", code);
            ce.setAttribute("codeSystem", codeSystem);
            value.appendChild(ce);
        } else {
            coded.forEach(c -> c.setAttribute("codeSystem", codeSystem));
        }
    }

    private static List<Element> codedElements(Element value) {
        List<Element> coded = new ArrayList<>();
        for (Node n = value.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.hasAttribute("code")) {
                coded.add(e);
            }
        }
        return coded;
    }

    static List<Element> descendants(Element root, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        var nodes = root.getElementsByTagNameNS(namespace, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }
}
