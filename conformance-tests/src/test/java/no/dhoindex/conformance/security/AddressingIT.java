package no.dhoindex.conformance.security;

import static no.dhoindex.conformance.security.Fixture.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static no.dhoindex.conformance.security.Named.dynamicTest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A SOAP message has one identity: exactly one wsa:Action, wsa:MessageID and wsa:To (ITI TF-2x
 * V.3.2). Two Actions (the guard could read one and the dispatcher act on the other), a missing or
 * doubled MessageID or To are a SOAP Sender fault (HTTP 400) before any operation runs: no data back.
 */
class AddressingIT {

    private static Fixture fixture;

    @BeforeAll
    static void data() {
        fixture = Fixture.get();
    }

    /** An endpoint, the operation a body is for, another operation of the same endpoint, and valid credentials. */
    record Target(String name, URI endpoint, String action, String otherAction, Function<URI, String> body,
                  Function<URI, String> soapSecurity, Function<URI, Map<String, String>> httpCredentials) {
    }

    static List<Target> targets() {
        String query = QueryCatalogue.getAll(A).build();
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("registry", SecurityStack.registry(), XdsActions.ITI_18, XdsActions.ITI_42, u -> query,
                u -> Fixture.xuaFor(A, XuaCaller.REGISTRY), u -> Map.of()));
        String home = SecurityStack.SYKEHUS_HOME;
        targets.add(new Target("sykehus xca", SecurityStack.xca("sykehus"), XdsActions.ITI_38, XdsActions.ITI_39,
                u -> QueryCatalogue.getAll(A).home(home).build(), u -> Fixture.xuaFor(A, home), u -> Map.of()));
        targets.add(new Target("sykehus repository", SecurityStack.repository("sykehus"), XdsActions.ITI_43,
                XdsActions.ITI_41, u -> Samples.retrieve(null, SecurityStack.SYKEHUS_REPOSITORY, ownDocument()),
                u -> Fixture.xuaFor(A, home), u -> Map.of()));
        targets.add(new Target("gateway", SecurityStack.gateway(), XdsActions.ITI_18, XdsActions.ITI_43, u -> query,
                u -> "", u -> Clinician.ANNE.credentials("POST", u, A)));
        return targets;
    }

    private static String ownDocument() {
        return fixture.at("sykehus", A).documentIn(SecurityStack.SYKEHUS_REPOSITORY).orElseThrow().uniqueId();
    }

    @TestFactory
    List<DynamicTest> variants() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Target t : targets()) {
            URI to = t.endpoint();
            String messageId = "<a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID>";
            String toHeader = "<a:To s:mustUnderstand=\"1\">" + to + "</a:To>";
            tests.add(dynamicTest(t.name() + ": the well-formed message is answered (control)", () -> {
                Soap.Reply reply = send(t, true, action(t.action()) + messageId() + toHeader);
                assertTrue(reply.isSuccess(), reply::toString);
            }));
            tests.add(dynamicTest(t.name() + ": two Actions, the body's first, no credential", () ->
                    refusedUnread(send(t, false, action(t.action()) + action(t.otherAction()) + messageId + toHeader))));
            tests.add(dynamicTest(t.name() + ": two Actions, the body's last, no credential", () ->
                    refusedUnread(send(t, false, action(t.otherAction()) + action(t.action()) + messageId() + toHeader))));
            tests.add(dynamicTest(t.name() + ": two Actions, with a valid credential", () ->
                    senderFault(send(t, true, action(t.action()) + action(t.otherAction()) + messageId() + toHeader))));
            tests.add(dynamicTest(t.name() + ": no MessageID", () ->
                    senderFault(send(t, true, action(t.action()) + toHeader))));
            tests.add(dynamicTest(t.name() + ": two MessageIDs", () ->
                    senderFault(send(t, true, action(t.action()) + messageId() + messageId() + toHeader))));
            tests.add(dynamicTest(t.name() + ": no To", () ->
                    senderFault(send(t, true, action(t.action()) + messageId()))));
            tests.add(dynamicTest(t.name() + ": two To", () ->
                    senderFault(send(t, true, action(t.action()) + messageId() + toHeader + toHeader))));
        }
        return tests;
    }

    private static String action(String action) {
        return "<a:Action s:mustUnderstand=\"1\">" + action + "</a:Action>";
    }

    private static String messageId() {
        return "<a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID>";
    }

    private static Soap.Reply send(Target t, boolean credentials, String addressing) {
        URI endpoint = t.endpoint();
        String security = credentials ? t.soapSecurity().apply(endpoint) : "";
        String envelope = "<s:Envelope xmlns:s=\"" + Soap.SOAP12 + "\" xmlns:a=\"" + Soap.WSA + "\"><s:Header>" + security
                + addressing + "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>"
                + "</s:Header><s:Body>" + t.body().apply(endpoint) + "</s:Body></s:Envelope>";
        return Soap.post(endpoint, "application/soap+xml; charset=UTF-8; action=\"" + t.action() + "\"",
                envelope.getBytes(StandardCharsets.UTF_8),
                credentials ? t.httpCredentials().apply(endpoint) : Map.of());
    }

    /**
     * Without a credential: a Sender fault for the addressing, or a 401 from an edge that checks the
     * credential before it reads the envelope (the gateway's HTTP filter); either way before any operation.
     */
    private static void refusedUnread(Soap.Reply reply) {
        if (reply.httpStatus() == 401) {
            assertTrue(reply.isFault(), reply::toString);
            assertEquals(0, Answers.objects(reply), reply::toString);
        } else {
            senderFault(reply);
        }
    }

    private static void senderFault(Soap.Reply reply) {
        assertEquals(400, reply.httpStatus(), reply::toString);
        assertTrue(reply.isFault(), reply::toString);
        List<String> codes = new ArrayList<>();
        reply.elements(Soap.SOAP12, "Value").forEach(v -> codes.add(v.getTextContent()));
        assertTrue(!codes.isEmpty() && codes.get(0).endsWith("Sender"), () -> "not a Sender fault: " + reply);
        assertEquals(0, Answers.objects(reply), reply::toString);
        assertTrue(!reply.text().contains("Exception") && !reply.text().contains("\tat "), () -> "internals: " + reply);
    }
}
