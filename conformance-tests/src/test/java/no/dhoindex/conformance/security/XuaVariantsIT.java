package no.dhoindex.conformance.security;

import static no.dhoindex.conformance.security.Fixture.A;
import static no.dhoindex.conformance.security.Fixture.B;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static no.dhoindex.conformance.security.Named.dynamicTest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaKeys;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * XUA as the ITI TF and NHN's profile ask, at the registry and at each responding gateway: each
 * variant of an otherwise valid assertion is refused with a SOAP Fault (401/403) and no data. The
 * unchanged assertion, signed again the same way, is answered (so a refusal is the defect's).
 */
class XuaVariantsIT {

    static final String ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";
    static final String PURPOSE_OF_USE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
    static final String RESOURCE_ID = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";

    @BeforeAll
    static void data() {
        Fixture.get();
    }

    /** An endpoint that takes XUA, its audience, and a query about A. */
    record Source(String name, URI endpoint, String action, String audience, String home) {

        String queryAbout(String fnr) {
            return QueryCatalogue.getAll(fnr).home(home).build();
        }
    }

    static List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("registry", SecurityStack.registry(), XdsActions.ITI_18, XuaCaller.REGISTRY, null));
        for (String org : SecurityStack.ORGANISATIONS) {
            sources.add(new Source(org + " xca", SecurityStack.xca(org), XdsActions.ITI_38, SecurityStack.home(org),
                    SecurityStack.home(org)));
        }
        return sources;
    }

    /** Each defect as an edit of a valid assertion; signed by the trusted key unless the defect is the signature. */
    static Map<String, Consumer<Element>> defects() {
        Map<String, Consumer<Element>> defects = new LinkedHashMap<>();
        defects.put("expired", a -> validity(a, Instant.now().minus(Duration.ofHours(2)),
                Instant.now().minus(Duration.ofHours(1))));
        defects.put("not yet valid", a -> validity(a, Instant.now().plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofHours(2))));
        defects.put("wrong audience", a -> XuaForgery.descendants(a, XuaForgery.SAML, "Audience")
                .forEach(e -> e.setTextContent("urn:dho-index:somewhere-else")));
        defects.put("no AuthnStatement", a -> XuaForgery.descendants(a, XuaForgery.SAML, "AuthnStatement")
                .forEach(e -> e.getParentNode().removeChild(e)));
        defects.put("AuthnContextClassRef not in the accepted list", a -> XuaForgery.descendants(a, XuaForgery.SAML,
                "AuthnContextClassRef").forEach(e -> e.setTextContent("urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified")));
        defects.put("two roles", a -> XuaForgery.addValue(a, ROLE, v -> XuaForgery.code(v, "SP")));
        defects.put("role from another code system", a -> XuaForgery.codeSystem(
                XuaForgery.value(XuaForgery.attribute(a, ROLE)), "2.16.578.1.12.4.1.1.9999"));
        defects.put("two purposes of use", a -> XuaForgery.addValue(a, PURPOSE_OF_USE, v -> XuaForgery.code(v, "COC")));
        defects.put("unparsable resource-id", a -> XuaForgery.value(XuaForgery.attribute(a, RESOURCE_ID))
                .setTextContent("not a patient id"));
        defects.put("resource-ids that disagree", a -> XuaForgery.addValue(a, RESOURCE_ID,
                v -> v.setTextContent(B + "^^^&2.16.578.1.12.4.1.4.1&ISO")));
        defects.put("a consent (BPPC document id) without the patient it is for", a -> {
            Element resourceId = XuaForgery.attribute(a, RESOURCE_ID);
            resourceId.setAttribute("Name", "urn:ihe:iti:bppc:2007:docid");
            XuaForgery.value(resourceId).setTextContent("urn:oid:2.16.578.1.12.4.1.7.1.2.9.1");
        });
        return defects;
    }

    @TestFactory
    List<DynamicTest> everyVariantIsRefused() {
        XuaKeys.Signer trusted = XuaKeys.loadOrCreate(SecurityStack.WORK.resolve("suite-xua"), "test-gateway",
                SecurityStack.WORK.resolve("data/xua-trusted"));
        XuaKeys.Signer untrusted = XuaKeys.loadOrCreate(SecurityStack.WORK.resolve("rogue-xua"), "rogue-gateway",
                SecurityStack.WORK.resolve("rogue-trusted"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Source source : sources()) {
            tests.add(dynamicTest(source.name() + ": the valid assertion, signed again, is answered (control)", () -> {
                Soap.Reply reply = ask(source, source.queryAbout(A), XuaForgery.forge(valid(source), a -> { }, trusted));
                Answers.finds(reply);
            }));
            tests.add(dynamicTest(source.name() + ": unsigned", () ->
                    refused(ask(source, source.queryAbout(A), XuaForgery.forge(valid(source), a -> { }, null)))));
            tests.add(dynamicTest(source.name() + ": signed by an untrusted issuer", () ->
                    refused(ask(source, source.queryAbout(A), XuaForgery.forge(valid(source), a -> { }, untrusted)))));
            defects().forEach((defect, edit) -> tests.add(dynamicTest(source.name() + ": " + defect, () ->
                    refused(ask(source, source.queryAbout(A), XuaForgery.forge(valid(source), edit, trusted))))));
            tests.add(dynamicTest(source.name() + ": a query about another patient than the resource-id", () ->
                    refused(ask(source, source.queryAbout(B), valid(source)))));
        }
        return tests;
    }

    private static Element valid(Source source) {
        XuaClaims claims = new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095", "974589095", "TREAT", "LE",
                A + "^^^&2.16.578.1.12.4.1.4.1&ISO", source.audience());
        return SecurityStack.xua().assertion(claims, source.audience(), Duration.ofMinutes(5));
    }

    private static Soap.Reply ask(Source source, String body, Element assertion) {
        return Soap.callWithHeader(source.endpoint(), source.action(), body, XuaCaller.header(assertion));
    }

    private static void validity(Element assertion, Instant notBefore, Instant notOnOrAfter) {
        for (Element conditions : XuaForgery.descendants(assertion, XuaForgery.SAML, "Conditions")) {
            conditions.setAttribute("NotBefore", notBefore.toString());
            conditions.setAttribute("NotOnOrAfter", notOnOrAfter.toString());
        }
    }

    private static void refused(Soap.Reply reply) {
        assertTrue(reply.isFault(), () -> "not refused: " + reply);
        assertTrue(reply.httpStatus() == 401 || reply.httpStatus() == 403, () -> "not 401/403: " + reply);
        assertTrue(Answers.objects(reply) == 0, reply::toString);
    }
}
