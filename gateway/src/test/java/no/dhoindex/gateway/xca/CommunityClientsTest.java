package no.dhoindex.gateway.xca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.xml.ws.BindingProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import no.dhoindex.shared.soap.SharedBindingAddressingCodec;
import no.dhoindex.shared.soap.XuaHeader;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.URLConnectionHTTPConduit;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The XUA assertion a client carries is the current caller's, or none at all (security off); the clients
 * speak HTTP/1.1 through CXF's URLConnection conduit on their own bus, without WS-Policy, writing WS-Addressing
 * headers through one shared data binding.
 */
class CommunityClientsTest {

    private static final URI URL = URI.create("http://127.0.0.1:1/xca");
    private static final String PATIENT = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";

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

    @Test
    void everyClientUsesTheUrlConnectionConduitOnItsOwnBusWithoutPolicies() {
        CommunityClients clients = new CommunityClients();
        Client query = ClientProxy.getClient(clients.crossGatewayQuery(URL, Duration.ofMillis(100), "c", Optional.empty()));
        Client registry = ClientProxy.getClient(clients.registry(URL, Duration.ofMillis(100), "c", Optional.empty()));
        Client retrieve = ClientProxy.getClient(clients.crossGatewayRetrieve(URL, Duration.ofMillis(100), "c",
                Optional.empty()));
        for (Client client : List.of(query, registry, retrieve)) {
            assertInstanceOf(URLConnectionHTTPConduit.class, client.getConduit());
            assertFalse(client.getBus().getExtension(PolicyEngine.class).isEnabled());
            assertInstanceOf(SharedBindingAddressingCodec.class, MAPCodec.getInstance(client.getBus()));
        }
        // Queries read their answers with QueryAnswerReader; retrieves keep the port's IPF binding.
        assertInstanceOf(StreamedAnswerReading.class, query.getEndpoint().getService().getDataBinding());
        assertInstanceOf(StreamedAnswerReading.class, registry.getEndpoint().getService().getDataBinding());
        assertFalse(retrieve.getEndpoint().getService().getDataBinding() instanceof StreamedAnswerReading);
        // Not the JVM's default bus: the gateway's own endpoint (and anything else on that bus) keeps its settings.
        assertNotSame(query.getBus(), BusFactory.getDefaultBus(false));
    }

    @Test
    void aQueryGoesOutAsOneHttp11RequestWithTheCorrelationIdAndItsAnswerIsRead() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        var answer = XdsMessages.readAnswer(ask(answer(""), "corr-1", seen));

        assertEquals(QueryAnswer.Status.SUCCESS, answer.status());
        assertEquals(1, seen.size());
        String[] request0 = seen.get(0).split(" ");
        assertEquals("HTTP/1.1", request0[0]);
        assertEquals("corr-1", request0[1]);
        // Sized, not chunked: a source's server need not read chunked bodies.
        assertTrue(Integer.parseInt(request0[2]) > 0);
        assertEquals("null", request0[3]);
        assertEquals("true", request0[4]);
    }

    @Test
    void anAnswerIsReadStraightIntoTheDomainAndOneThatCannotBeIsRefusedAsBefore() throws Exception {
        String entry = "<rim:ExtrinsicObject id=\"urn:uuid:e1\" mimeType=\"text/plain\""
                + " objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:StatusType:Approved\">"
                + "<rim:ExternalIdentifier id=\"x1\" registryObject=\"urn:uuid:e1\""
                + " identificationScheme=\"urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427\""
                + " value=\"15077510041^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO\"/>"
                + "<rim:ExternalIdentifier id=\"x2\" registryObject=\"urn:uuid:e1\""
                + " identificationScheme=\"urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab\" value=\"2.25.1\"/>"
                + "</rim:ExtrinsicObject>";
        var response = ask(answer(entry));
        assertInstanceOf(no.dhoindex.shared.xds.wire.ReadQueryResponse.class, response);
        QueryAnswer read = XdsMessages.readAnswer(response);
        assertEquals(PatientId.parseCx(PATIENT), read.result().documents().get(0).patientId());
        assertEquals("2.25.1", read.result().documents().get(0).uniqueId());

        // Without its patient: the refusal XdsMessages.readAnswer gave for the JAXB answer, where the caller reads it.
        var patientless = ask(answer(entry.replaceAll("<rim:ExternalIdentifier id=\"x1\"[^>]*/>", "")));
        var refused = org.junit.jupiter.api.Assertions.assertThrows(no.dhoindex.shared.xds.error.XdsRefusal.class,
                () -> XdsMessages.readAnswer(patientless));
        assertEquals(no.dhoindex.shared.xds.error.XdsErrorCode.REGISTRY_METADATA_ERROR, refused.errorCode());
        assertTrue(refused.getMessage().contains("patientId"), refused.getMessage());
    }

    @Test
    void aBodyThatIsNotXmlFailsTheCallAsJaxbsUnmarshallingDid() {
        String broken = answer("<rim:ExtrinsicObject id=\"urn:uuid:e1\"><rim:Slot name=\"x\"></rim:ExtrinsicObject>");
        var failure = org.junit.jupiter.api.Assertions.assertThrows(jakarta.xml.ws.WebServiceException.class,
                () -> ask(broken));
        // The parser's reason, as JAXB's "Unmarshalling Error" carried it: the fan-out reports it as the source's failure.
        assertTrue(String.valueOf(failure.getMessage()).contains("close tag"), failure.getMessage());
    }

    private static String answer(String objects) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>"
                + "<a:Action>urn:ihe:iti:2007:CrossGatewayQueryResponse</a:Action></s:Header><s:Body>"
                + "<q:AdhocQueryResponse xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\">"
                + "<rim:RegistryObjectList>" + objects + "</rim:RegistryObjectList></q:AdhocQueryResponse>"
                + "</s:Body></s:Envelope>";
    }

    /** One ITI-38 question to a source on loopback that answers {@code envelope}. */
    private static org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse ask(String envelope)
            throws Exception {
        return ask(envelope, "corr-2", new java.util.ArrayList<>());
    }

    /** As {@link #ask(String)}, each request the source saw in {@code seen}: protocol, correlation id, length, chunking, query. */
    private static org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse ask(String envelope,
            String correlationId, List<String> seen) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getProtocol() + " " + exchange.getRequestHeaders().getFirst(CommunityClients.CORRELATION_HEADER)
                    + " " + exchange.getRequestHeaders().getFirst("Content-Length") + " "
                    + exchange.getRequestHeaders().getFirst("Transfer-Encoding") + " "
                    + request.contains("$XDSDocumentEntryPatientId"));
            byte[] reply = envelope.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/soap+xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/xca");
            var request = XdsMessages.writeQuery(XdsMessages.readQuery(XdsMessages.findDocuments(
                    PatientId.parseCx(PATIENT), List.of(), List.of()), XDS.Interactions.ITI_18).query(),
                    ReturnType.LEAF_CLASS, "urn:oid:2.25.1");
            return new CommunityClients().crossGatewayQuery(url, Duration.ofSeconds(5), correlationId, Optional.empty())
                    .documentRegistryRegistryStoredQuery(request);
        } finally {
            server.stop(0);
        }
    }
}
