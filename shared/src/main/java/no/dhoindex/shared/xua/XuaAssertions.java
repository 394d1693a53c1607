package no.dhoindex.shared.xua;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.XMLObjectBuilderFactory;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.AttributeValue;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnContext;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Conditions;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Subject;
import org.opensaml.saml.saml2.core.SubjectConfirmation;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.X509Data;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.opensaml.xmlsec.signature.support.Signer;
import org.w3c.dom.Element;

/**
 * SAML 2.0 XUA assertions (OpenSAML 4.0.1) as NHN issues them (DOMAIN.md §7): issued and signed by
 * the gateway for the user of the original request (RSA-SHA256, exclusive c14n, the certificate
 * in KeyInfo), checked at every source: signature by a trusted issuer, audience, validity window,
 * bearer subject confirmation, exactly one purpose of use and one role.
 */
public final class XuaAssertions {

    static final String SUBJECT_ID = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
    static final String NPI = "urn:oasis:names:tc:xspa:2.0:subject:npi";
    static final String ORGANIZATION = "urn:oasis:names:tc:xspa:1.0:subject:organization";
    static final String ORGANIZATION_ID = "urn:oasis:names:tc:xspa:1.0:subject:organization-id";
    static final String PURPOSE_OF_USE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
    static final String ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";
    static final String RESOURCE_ID = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
    static final String HOME_COMMUNITY_ID = "urn:ihe:iti:xca:2010:homeCommunityId";
    private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    private XuaAssertions() {
    }

    private static boolean initialised;

    private static synchronized void initialise() {
        try {
            if (!initialised) {
                // OpenSAML finds its modules with the context class loader: the one that loaded this class.
                ClassLoader previous = Thread.currentThread().getContextClassLoader();
                Thread.currentThread().setContextClassLoader(XuaAssertions.class.getClassLoader());
                try {
                    InitializationService.initialize();
                    initialised = true;
                } finally {
                    Thread.currentThread().setContextClassLoader(previous);
                }
            }
        } catch (InitializationException e) {
            throw new IllegalStateException("OpenSAML could not be initialised", e);
        }
    }

    /** A signed assertion for {@code audience}, valid for {@code lifetime}, as a DOM element for the WS-Security header. */
    public static Element issue(XuaClaims claims, String issuer, String audience, Duration lifetime,
                                XuaKeys.Signer signer) {
        initialise();
        Instant now = Instant.now();
        Assertion assertion = build(Assertion.DEFAULT_ELEMENT_NAME);
        assertion.setID("_" + UUID.randomUUID());
        assertion.setVersion(SAMLVersion.VERSION_20);
        assertion.setIssueInstant(now);
        Issuer iss = build(Issuer.DEFAULT_ELEMENT_NAME);
        iss.setValue(issuer);
        assertion.setIssuer(iss);

        Subject subject = build(Subject.DEFAULT_ELEMENT_NAME);
        NameID nameId = build(NameID.DEFAULT_ELEMENT_NAME);
        nameId.setValue(claims.subjectId());
        subject.setNameID(nameId);
        SubjectConfirmation confirmation = build(SubjectConfirmation.DEFAULT_ELEMENT_NAME);
        confirmation.setMethod(BEARER);
        subject.getSubjectConfirmations().add(confirmation);
        assertion.setSubject(subject);

        Conditions conditions = build(Conditions.DEFAULT_ELEMENT_NAME);
        conditions.setNotBefore(now.minusSeconds(5));
        conditions.setNotOnOrAfter(now.plus(lifetime));
        AudienceRestriction restriction = build(AudienceRestriction.DEFAULT_ELEMENT_NAME);
        Audience aud = build(Audience.DEFAULT_ELEMENT_NAME);
        aud.setURI(audience);
        restriction.getAudiences().add(aud);
        conditions.getAudienceRestrictions().add(restriction);
        assertion.setConditions(conditions);

        AuthnStatement authn = build(AuthnStatement.DEFAULT_ELEMENT_NAME);
        authn.setAuthnInstant(now);
        AuthnContext context = build(AuthnContext.DEFAULT_ELEMENT_NAME);
        AuthnContextClassRef classRef = build(AuthnContextClassRef.DEFAULT_ELEMENT_NAME);
        classRef.setURI("urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard");
        context.setAuthnContextClassRef(classRef);
        authn.setAuthnContext(context);
        assertion.getAuthnStatements().add(authn);

        AttributeStatement attributes = build(AttributeStatement.DEFAULT_ELEMENT_NAME);
        attribute(attributes, SUBJECT_ID, claims.subjectName());
        attribute(attributes, NPI, claims.hprNumber());
        attribute(attributes, ORGANIZATION, claims.organization());
        attribute(attributes, ORGANIZATION_ID, claims.organizationId());
        attribute(attributes, PURPOSE_OF_USE, claims.purposeOfUse());
        attribute(attributes, ROLE, claims.role());
        attribute(attributes, RESOURCE_ID, claims.patientCx());
        attribute(attributes, HOME_COMMUNITY_ID, claims.homeCommunityId());
        assertion.getAttributeStatements().add(attributes);

        Signature signature = build(Signature.DEFAULT_ELEMENT_NAME);
        signature.setSigningCredential(new BasicX509Credential(signer.certificate(), signer.key()));
        signature.setSignatureAlgorithm(SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256);
        signature.setCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        KeyInfo keyInfo = build(KeyInfo.DEFAULT_ELEMENT_NAME);
        X509Data data = build(X509Data.DEFAULT_ELEMENT_NAME);
        org.opensaml.xmlsec.signature.X509Certificate cert = build(org.opensaml.xmlsec.signature.X509Certificate.DEFAULT_ELEMENT_NAME);
        try {
            cert.setValue(java.util.Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        data.getX509Certificates().add(cert);
        keyInfo.getX509Datas().add(data);
        signature.setKeyInfo(keyInfo);
        assertion.setSignature(signature);
        try {
            Element element = XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(assertion)
                    .marshall(assertion);
            Signer.signObject(signature);
            return element;
        } catch (MarshallingException | SignatureException e) {
            throw new IllegalStateException("The XUA assertion could not be signed", e);
        }
    }

    /** Checks an assertion from a WS-Security header; returns what it says, or why it is refused. */
    public static XuaClaims validate(Element element, List<X509Certificate> trusted, String audience, Instant now,
                                     Duration skew) throws XuaRefusal {
        initialise();
        element.normalize();
        Assertion assertion;
        try {
            XMLObject object = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(element)
                    .unmarshall(element);
            if (!(object instanceof Assertion a)) {
                throw new XuaRefusal("the security header holds no SAML 2.0 assertion");
            }
            assertion = a;
        } catch (UnmarshallingException | NullPointerException e) {
            throw new XuaRefusal("the SAML assertion cannot be read");
        }
        if (!assertion.isSigned() || assertion.getSignature() == null) {
            throw new XuaRefusal("the SAML assertion is not signed");
        }
        try {
            new SAMLSignatureProfileValidator().validate(assertion.getSignature());
        } catch (SignatureException e) {
            throw new XuaRefusal("the SAML assertion's signature does not follow the SAML profile");
        }
        boolean verified = false;
        for (X509Certificate certificate : trusted) {
            try {
                SignatureValidator.validate(assertion.getSignature(), new BasicX509Credential(certificate));
                verified = true;
                break;
            } catch (SignatureException e) {
                // not this issuer: try the next trusted certificate
            }
        }
        if (!verified) {
            throw new XuaRefusal("the SAML assertion is not signed by a trusted issuer");
        }
        Conditions conditions = assertion.getConditions();
        if (conditions == null || conditions.getNotBefore() == null || conditions.getNotOnOrAfter() == null) {
            throw new XuaRefusal("the SAML assertion states no validity period");
        }
        if (now.plus(skew).isBefore(conditions.getNotBefore())) {
            throw new XuaRefusal("the SAML assertion is not yet valid");
        }
        if (!now.minus(skew).isBefore(conditions.getNotOnOrAfter())) {
            throw new XuaRefusal("the SAML assertion has expired");
        }
        boolean forUs = conditions.getAudienceRestrictions().stream().flatMap(r -> r.getAudiences().stream())
                .anyMatch(a -> audience.equals(a.getURI()));
        if (!forUs) {
            throw new XuaRefusal("the SAML assertion is not for this service (audience)");
        }
        Subject subject = assertion.getSubject();
        if (subject == null || subject.getNameID() == null || subject.getSubjectConfirmations().stream()
                .noneMatch(c -> BEARER.equals(c.getMethod()))) {
            throw new XuaRefusal("the SAML assertion has no bearer subject");
        }
        return new XuaClaims(subject.getNameID().getValue(), single(assertion, SUBJECT_ID, false),
                single(assertion, NPI, false), single(assertion, ORGANIZATION, false),
                single(assertion, ORGANIZATION_ID, false), single(assertion, PURPOSE_OF_USE, true),
                single(assertion, ROLE, false), single(assertion, RESOURCE_ID, false),
                single(assertion, HOME_COMMUNITY_ID, false));
    }

    /** The one value of an attribute; two values (a second role, a second purpose of use) are refused. */
    private static String single(Assertion assertion, String name, boolean required) throws XuaRefusal {
        List<String> values = new ArrayList<>();
        for (AttributeStatement statement : assertion.getAttributeStatements()) {
            for (Attribute attribute : statement.getAttributes()) {
                if (name.equals(attribute.getName())) {
                    for (XMLObject value : attribute.getAttributeValues()) {
                        values.add(value instanceof XSString s ? s.getValue() : value.getDOM() == null ? null
                                : value.getDOM().getTextContent());
                    }
                }
            }
        }
        if (values.size() > 1) {
            throw new XuaRefusal("the SAML assertion states more than one " + name);
        }
        if (values.isEmpty() && required) {
            throw new XuaRefusal("the SAML assertion states no " + name);
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static void attribute(AttributeStatement statement, String name, String value) {
        if (value == null) {
            return;
        }
        Attribute attribute = build(Attribute.DEFAULT_ELEMENT_NAME);
        attribute.setName(name);
        attribute.setNameFormat(Attribute.URI_REFERENCE);
        XSString v = (XSString) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilder(XSString.TYPE_NAME)
                .buildObject(AttributeValue.DEFAULT_ELEMENT_NAME, XSString.TYPE_NAME);
        v.setValue(value);
        attribute.getAttributeValues().add(v);
        statement.getAttributes().add(attribute);
    }

    @SuppressWarnings("unchecked")
    private static <T> T build(QName name) {
        XMLObjectBuilderFactory builders = XMLObjectProviderRegistrySupport.getBuilderFactory();
        return (T) builders.getBuilder(name).buildObject(name);
    }
}
