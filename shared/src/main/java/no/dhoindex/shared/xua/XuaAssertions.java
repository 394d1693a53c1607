package no.dhoindex.shared.xua;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.namespace.QName;
import no.dhoindex.shared.xds.model.PatientId;
import org.opensaml.core.config.InitializationException;
import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.XMLObjectBuilderFactory;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.core.xml.schema.impl.XSAnyBuilder;
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
import org.w3c.dom.Node;

/**
 * SAML 2.0 XUA assertions (OpenSAML 4.0.1) as NHN issues them (DOMAIN.md §7): issued and signed by
 * the gateway for the user of the original request (RSA-SHA256, exclusive c14n, the certificate
 * in KeyInfo), checked at every source: signature by a trusted issuer, audience, validity window,
 * bearer subject confirmation, an accepted authentication context, exactly one role and one purpose
 * of use (hl7 CE codes, ITI TF-2b 3.40.4.1.2), one patient (resource-id) also for consent attributes.
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
    static final String BPPC_DOCUMENT_ID = "urn:ihe:iti:bppc:2007:docid";
    static final String ACP = "urn:ihe:iti:xua:2012:acp";
    static final String HL7 = "urn:hl7-org:v3";
    private static final String AUTHN_CLASS_ISSUED = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard";
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
        classRef.setURI(AUTHN_CLASS_ISSUED);
        context.setAuthnContextClassRef(classRef);
        authn.setAuthnContext(context);
        assertion.getAuthnStatements().add(authn);

        AttributeStatement attributes = build(AttributeStatement.DEFAULT_ELEMENT_NAME);
        attribute(attributes, SUBJECT_ID, claims.subjectName());
        attribute(attributes, NPI, claims.hprNumber());
        attribute(attributes, ORGANIZATION, claims.organization());
        attribute(attributes, ORGANIZATION_ID, claims.organizationId());
        coded(attributes, PURPOSE_OF_USE, "PurposeOfUse", claims.purposeOfUse(), XuaPolicy.PURPOSE_OF_USE_CODE_SYSTEM);
        coded(attributes, ROLE, "Role", claims.role(), XuaPolicy.DEFAULT_ROLE_CODE_SYSTEM);
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

    /** Checks an assertion with the default policy (see {@link XuaPolicy}), whatever its purpose of use. */
    public static XuaClaims validate(Element element, List<X509Certificate> trusted, String audience, Instant now,
                                     Duration skew) throws XuaRefusal {
        return validate(element, trusted, audience, now, skew, XuaPolicy.of(null, null, null, java.util.Set.of()));
    }

    /**
     * Checks an assertion from a WS-Security header against the form {@code policy} asks for
     * (AuthnContextClassRef, role code system, one role, one purpose of use, one patient); returns
     * what it says, or why it is refused (401). Whether its role and purpose are served: {@link #requireServed}.
     */
    public static XuaClaims validate(Element element, List<X509Certificate> trusted, String audience, Instant now,
                                     Duration skew, XuaPolicy policy) throws XuaRefusal {
        return validated(element, trusted, audience, now, skew, policy).claims();
    }

    /** What {@link #validate} established, with the validity period it was checked against. */
    record Validated(XuaClaims claims, Instant notBefore, Instant notOnOrAfter) {
    }

    static Validated validated(Element element, List<X509Certificate> trusted, String audience, Instant now,
                               Duration skew, XuaPolicy policy) throws XuaRefusal {
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
        requireAuthnContext(assertion, policy);
        return new Validated(new XuaClaims(subject.getNameID().getValue(), single(assertion, SUBJECT_ID, false),
                single(assertion, NPI, false), single(assertion, ORGANIZATION, false),
                single(assertion, ORGANIZATION_ID, false),
                code(assertion, PURPOSE_OF_USE, "PurposeOfUse", XuaPolicy.PURPOSE_OF_USE_CODE_SYSTEM),
                code(assertion, ROLE, "Role", policy.roleCodeSystem()), patient(assertion),
                single(assertion, HOME_COMMUNITY_ID, false)), conditions.getNotBefore(), conditions.getNotOnOrAfter());
    }

    /** A valid assertion whose role or purpose of use this source does not serve is refused with 403. */
    public static void requireServed(XuaClaims claims, XuaPolicy policy) throws XuaRefusal {
        if (!policy.roles().contains(claims.role())) {
            throw XuaRefusal.notServed("the role " + claims.role() + " is not served at this source");
        }
        if (!policy.purposesOfUse().isEmpty() && !policy.purposesOfUse().contains(claims.purposeOfUse())) {
            throw XuaRefusal.notServed("the purpose of use " + claims.purposeOfUse() + " is not allowed at this source");
        }
    }

    /** How the user authenticated (ITI TF-2b 3.40.4.1.2: an AuthnStatement), by a class this source accepts. */
    private static void requireAuthnContext(Assertion assertion, XuaPolicy policy) throws XuaRefusal {
        if (assertion.getAuthnStatements().isEmpty()) {
            throw new XuaRefusal("the SAML assertion has no AuthnStatement");
        }
        for (AuthnStatement statement : assertion.getAuthnStatements()) {
            AuthnContext context = statement.getAuthnContext();
            String classRef = context == null || context.getAuthnContextClassRef() == null ? null
                    : context.getAuthnContextClassRef().getURI();
            if (classRef == null || !policy.authnContextClasses().contains(classRef.trim())) {
                throw new XuaRefusal("the SAML assertion's authentication context " + classRef + " is not accepted");
            }
        }
    }

    /**
     * The one coded value of a role or purpose of use attribute, as ITI XUA carries it: an hl7
     * {@code <Role>} / {@code <PurposeOfUse>} CE element with {@code code} and {@code codeSystem}.
     */
    private static String code(Assertion assertion, String name, String element, String codeSystem)
            throws XuaRefusal {
        List<XMLObject> values = values(assertion, name);
        if (values.size() != 1) {
            throw new XuaRefusal("the SAML assertion states " + (values.isEmpty() ? "no " : "more than one ") + name);
        }
        Element ce = null;
        Element value = values.get(0).getDOM();
        for (Node n = value == null ? null : value.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (ce != null || !HL7.equals(e.getNamespaceURI()) || !element.equals(e.getLocalName())) {
                    throw new XuaRefusal("the SAML assertion's " + name + " is not one hl7:" + element + " code");
                }
                ce = e;
            }
        }
        if (ce == null || ce.getAttribute("code").isBlank()) {
            throw new XuaRefusal("the SAML assertion's " + name + " is not an hl7:" + element + " code");
        }
        if (!codeSystem.equals(ce.getAttribute("codeSystem").trim())) {
            throw new XuaRefusal("the SAML assertion's " + name + " is not from the code system " + codeSystem);
        }
        return ce.getAttribute("code").trim();
    }

    /**
     * The patient the assertion is about: every resource-id is a CX and names the same patient
     * (authority and id together); consent (a BPPC document, an access consent policy) only with one.
     */
    private static String patient(Assertion assertion) throws XuaRefusal {
        List<String> cxs = new ArrayList<>();
        java.util.Set<PatientId> patients = new java.util.HashSet<>();
        for (XMLObject value : values(assertion, RESOURCE_ID)) {
            String cx = text(value);
            PatientId patient = PatientId.parseCx(cx);
            if (patient == null) {
                throw new XuaRefusal("the SAML assertion's resource-id is not a patient id (CX with an ISO authority)");
            }
            cxs.add(cx.trim());
            patients.add(patient);
        }
        if (patients.size() > 1) {
            throw new XuaRefusal("the SAML assertion's resource-ids name different patients");
        }
        boolean consent = !values(assertion, BPPC_DOCUMENT_ID).isEmpty() || !values(assertion, ACP).isEmpty();
        if (consent && patients.isEmpty()) {
            throw new XuaRefusal("the SAML assertion states a consent without the patient (resource-id) it is for");
        }
        return cxs.isEmpty() ? null : cxs.get(0);
    }

    private static List<XMLObject> values(Assertion assertion, String name) {
        List<XMLObject> values = new ArrayList<>();
        for (AttributeStatement statement : assertion.getAttributeStatements()) {
            for (Attribute attribute : statement.getAttributes()) {
                if (name.equals(attribute.getName())) {
                    values.addAll(attribute.getAttributeValues());
                }
            }
        }
        return values;
    }

    private static String text(XMLObject value) {
        return value instanceof XSString s ? s.getValue() : value.getDOM() == null ? null
                : value.getDOM().getTextContent();
    }

    /** The one value of an attribute; two values (a second role, a second purpose of use) are refused. */
    private static String single(Assertion assertion, String name, boolean required) throws XuaRefusal {
        List<String> values = new ArrayList<>();
        for (XMLObject value : values(assertion, name)) {
            values.add(text(value));
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

    /** A coded attribute in the ITI XUA form: {@code <hl7:Role xsi:type="hl7:CE" code=".." codeSystem=".."/>}. */
    private static void coded(AttributeStatement statement, String name, String element, String code,
                              String codeSystem) {
        if (code == null) {
            return;
        }
        XSAnyBuilder any = (XSAnyBuilder) XMLObjectProviderRegistrySupport.getBuilderFactory().<XSAny>getBuilder(
                XSAny.TYPE_NAME);
        XSAny ce = any.buildObject(HL7, element, "hl7");
        ce.getUnknownAttributes().put(new QName(javax.xml.XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "type", "xsi"),
                "hl7:CE");
        ce.getUnknownAttributes().put(new QName("code"), code);
        ce.getUnknownAttributes().put(new QName("codeSystem"), codeSystem);
        XSAny value = any.buildObject(AttributeValue.DEFAULT_ELEMENT_NAME);
        value.getUnknownXMLObjects().add(ce);
        Attribute attribute = build(Attribute.DEFAULT_ELEMENT_NAME);
        attribute.setName(name);
        attribute.setNameFormat(Attribute.URI_REFERENCE);
        attribute.getAttributeValues().add(value);
        statement.getAttributes().add(attribute);
    }

    @SuppressWarnings("unchecked")
    private static <T> T build(QName name) {

        XMLObjectBuilderFactory builders = XMLObjectProviderRegistrySupport.getBuilderFactory();
        return (T) builders.getBuilder(name).buildObject(name);
    }
}
