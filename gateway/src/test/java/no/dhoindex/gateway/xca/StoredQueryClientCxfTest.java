package no.dhoindex.gateway.xca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import no.dhoindex.gateway.fanout.SourceFailure;
import no.dhoindex.shared.soap.Credential;
import no.dhoindex.shared.soap.OperationSecurity;
import no.dhoindex.shared.soap.SoapEndpoints;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.transport.AbstractDestination;
import org.apache.cxf.transport.Conduit;
import org.apache.cxf.transport.Destination;
import org.apache.cxf.transport.DestinationFactory;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.ws.addressing.EndpointReferenceType;
import org.apache.cxf.wsdl.WSDLConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.XCA;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.iti38.Iti38PortType;

/**
 * The plain client against a real CXF endpoint published as the project's responding gateways publish theirs
 * ({@link SoapEndpoints}: SOAP 1.2 only, exactly one Action, MessageID and To, the Action matching the operation, MTOM
 * answers), reached over HTTP through a loopback server that hands each request to CXF in memory (no CXF HTTP server
 * is on the test classpath): the request passes CXF's and IPF's checks and is read as the query asked, and CXF's MTOM
 * answer and its SOAP faults come back as the domain answer and the failures they are.
 */
class StoredQueryClientCxfTest {

    private static final String PATIENT = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";
    private static final String HOME = "urn:oid:2.16.578.1.12.4.1.7.1.2";
    private static final String MEMORY = "urn:dho:test:memory";

    private final AtomicReference<AdhocQueryRequest> received = new AtomicReference<>();
    private HttpServer server;
    private Bus bus;

    /** A CXF destination fed in memory: the loopback server's request in, CXF's answer out. */
    private static final class MemoryDestination extends AbstractDestination {
        ByteArrayOutputStream answer;

        MemoryDestination(Bus bus, EndpointInfo endpoint) {
            super(bus, reference(endpoint.getAddress()), endpoint);
        }

        private static EndpointReferenceType reference(String address) {
            EndpointReferenceType reference = new EndpointReferenceType();
            org.apache.cxf.ws.addressing.AttributedURIType uri = new org.apache.cxf.ws.addressing.AttributedURIType();
            uri.setValue(address);
            reference.setAddress(uri);
            return reference;
        }

        @Override
        protected Conduit getInbuiltBackChannel(Message inMessage) {
            return new AbstractBackChannelConduit() {
                @Override
                public void prepare(Message message) {
                    answer = new ByteArrayOutputStream();
                    message.setContent(OutputStream.class, answer);
                }
            };
        }

        @Override
        protected Logger getLogger() {
            return Logger.getLogger(MemoryDestination.class.getName());
        }

        /** One request through CXF: the answer's status, content type and bytes. */
        synchronized Object[] serve(byte[] request, String contentType) {
            MessageImpl in = new MessageImpl();
            in.setContent(java.io.InputStream.class, new ByteArrayInputStream(request));
            in.put(Message.CONTENT_TYPE, contentType);
            in.put(Message.HTTP_REQUEST_METHOD, "POST");
            in.setDestination(this);
            getMessageObserver().onMessage(in);
            Message out = in.getExchange().getOutFaultMessage() != null ? in.getExchange().getOutFaultMessage()
                    : in.getExchange().getOutMessage();
            Integer status = (Integer) out.get(Message.RESPONSE_CODE);
            byte[] bytes = answer.toByteArray();
            // An MTOM answer's multipart type is not left on the message where an HTTP destination reads it: its
            // boundary is the body's first line, as the HTTP header would say.
            String text = new String(bytes, 0, Math.min(200, bytes.length), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .stripLeading();
            String type = text.startsWith("--") ? "multipart/related; type=\"application/xop+xml\"; boundary=\""
                    + text.substring(2, text.indexOf('\r')) + "\"; start-info=\"application/soap+xml\""
                    : String.valueOf(out.get(Message.CONTENT_TYPE));
            return new Object[] {status == null ? 200 : status, type, bytes};
        }
    }

    private URI start(QueryAnswer answer) throws IOException {
        bus = new ExtensionManagerBus();
        MemoryDestination[] destination = new MemoryDestination[1];
        DestinationFactory factory = new DestinationFactory() {
            @Override
            public Destination getDestination(EndpointInfo endpoint, Bus b) {
                destination[0] = new MemoryDestination(b, endpoint);
                return destination[0];
            }

            @Override
            public Set<String> getUriPrefixes() {
                return Set.of("memory:");
            }

            @Override
            public List<String> getTransportIds() {
                return List.of(MEMORY);
            }
        };
        DestinationFactoryManager destinations = bus.getExtension(DestinationFactoryManager.class);
        for (String id : List.of(MEMORY, WSDLConstants.NS_SOAP_HTTP_TRANSPORT, "http://www.w3.org/2003/05/soap/bindings/HTTP/",
                "http://cxf.apache.org/transports/http", "http://cxf.apache.org/transports/http/configuration")) {
            destinations.registerDestinationFactory(id, factory);
        }
        Iti38PortType implementation = request -> {
            received.set(request);
            return XdsMessages.queryResponse(answer, ReturnType.LEAF_CLASS);
        };
        SoapEndpoints.publish(bus, "memory://xca", Iti38PortType.class, implementation, true, OperationSecurity.builder()
                .operation(StoredQueryClient.ITI_38, Credential.PUBLIC).build());
        assertNotNull(destination[0], "the endpoint's destination is the in-memory one");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Object[] reply = destination[0].serve(exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] body = (byte[]) reply[2];
            exchange.getResponseHeaders().set("Content-Type", String.valueOf(reply[1]));
            exchange.sendResponseHeaders((Integer) reply[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/xca");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (bus != null) {
            bus.shutdown(false);
        }
    }

    private static StoredQuery find() {
        return XdsMessages.readQuery(XdsMessages.findDocuments(PatientId.parseCx(PATIENT), List.of(), List.of()),
                XDS.Interactions.ITI_18).query();
    }

    @Test
    void aCxfEndpointTakesTheRequestAsTheQueryAskedAndItsMtomAnswerIsRead() throws Exception {
        QueryAnswer sent = QueryAnswer.success(QueryResult.EMPTY);
        URI url = start(sent);
        StoredQueryClient client = new StoredQueryClient();
        StoredQuery query = find();

        QueryAnswer answer = client.ask(url, StoredQueryClient.ITI_38, Duration.ofSeconds(10), "corr", Optional.empty(),
                client.prepare(query), HOME);

        assertEquals(QueryAnswer.Status.SUCCESS, answer.status());
        StoredQueryRequest read = XdsMessages.readQueryByIpf(received.get(), XCA.Interactions.ITI_38);
        assertEquals(query, read.query());
        assertEquals(HOME, read.homeCommunityId());
    }

    @Test
    void aCxfFaultComesBackAsTheFailureItIs() throws Exception {
        URI url = start(QueryAnswer.success(QueryResult.EMPTY));
        StoredQueryClient client = new StoredQueryClient();
        // An action the endpoint does not serve: CXF's Sender fault.
        SourceFailure failure = assertThrows(SourceFailure.class, () -> client.ask(url,
                "urn:ihe:iti:2007:CrossGatewayRetrieve", Duration.ofSeconds(10), "corr", Optional.empty(),
                client.prepare(find()), HOME));
        assertTrue(failure.getMessage().contains("SOAP Fault"), failure.getMessage());
    }
}
