package no.dhoindex.gateway.xca;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.xml.ws.BindingProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import no.dhoindex.shared.soap.XuaHeader;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The XUA assertion a client carries is the current caller's, or none at all (security off). */
class CommunityClientsTest {

    private static final URI URL = URI.create("http://127.0.0.1:1/xca");

    @Test
    void noAssertionClearsTheOneAnEarlierCallerLeftOnThisThread() throws Exception {
        CommunityClients clients = new CommunityClients();
        Element assertion = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument()
                .createElementNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion");
        var port = clients.crossGatewayQuery(URL, Duration.ofMillis(100), "one", Optional.of(assertion));
        assertSame(assertion, ((BindingProvider) port).getRequestContext().get(XuaHeader.ASSERTION_PROPERTY));

        // Before: a NullPointerException here (CXF's context map refuses null), each call of an unchecked caller failed.
        port = clients.crossGatewayQuery(URL, Duration.ofMillis(100), "two", Optional.empty());
        assertFalse(((BindingProvider) port).getRequestContext().containsKey(XuaHeader.ASSERTION_PROPERTY));
    }
}
