package no.dhoindex.gateway.xca;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.xml.ws.BindingProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import no.dhoindex.shared.soap.SharedBindingAddressingCodec;
import no.dhoindex.shared.soap.XuaHeader;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.URLConnectionHTTPConduit;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The XUA assertion a CXF client carries is the current caller's, or none at all (security off); the clients
 * speak HTTP/1.1 through CXF's URLConnection conduit on their own bus, without WS-Policy, writing WS-Addressing
 * headers through one shared data binding. The gateway's stored queries no longer go through these clients: what
 * their calls send and make of answers is {@code StoredQueryClientTest}'s.
 */
class CommunityClientsTest {

    private static final URI URL = URI.create("http://127.0.0.1:1/xca");

    @Test
    void noAssertionClearsTheOneAnEarlierCallerLeftOnThisThread() throws Exception {
        CommunityClients clients = new CommunityClients();
        Element assertion = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument()
                .createElementNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion");
        var port = clients.crossGatewayRetrieve(URL, Duration.ofMillis(100), "one", Optional.of(assertion));
        assertSame(assertion, ((BindingProvider) port).getRequestContext().get(XuaHeader.ASSERTION_PROPERTY));

        // Before: a NullPointerException here (CXF's context map refuses null), each call of an unchecked caller failed.
        port = clients.crossGatewayRetrieve(URL, Duration.ofMillis(100), "two", Optional.empty());
        assertFalse(((BindingProvider) port).getRequestContext().containsKey(XuaHeader.ASSERTION_PROPERTY));
    }

    @Test
    void everyClientUsesTheUrlConnectionConduitOnItsOwnBusWithoutPolicies() {
        // As in the gateway, whose endpoint bus is there before the clients: the first bus of a JVM becomes its
        // default (ExtensionManagerBus's constructor), which the stored-query tests that ran first here used to make.
        BusFactory.getDefaultBus(true);
        CommunityClients clients = new CommunityClients();
        Client retrieve = ClientProxy.getClient(clients.crossGatewayRetrieve(URL, Duration.ofMillis(100), "c",
                Optional.empty()));
        assertInstanceOf(URLConnectionHTTPConduit.class, retrieve.getConduit());
        assertFalse(retrieve.getBus().getExtension(PolicyEngine.class).isEnabled());
        assertInstanceOf(SharedBindingAddressingCodec.class, MAPCodec.getInstance(retrieve.getBus()));
        // Not the JVM's default bus: the gateway's own endpoint (and anything else on that bus) keeps its settings.
        assertNotSame(retrieve.getBus(), BusFactory.getDefaultBus(false));
    }
}
