package no.dhoindex.gateway.xca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.xml.bind.JAXBContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.gateway.fanout.SourceFailure;
import no.dhoindex.gateway.federation.FederatedAnswer;
import no.dhoindex.gateway.federation.Federation;
import no.dhoindex.gateway.federation.FederationSources;
import no.dhoindex.gateway.federation.SourceOutcome;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.state.LocalBreakerStates;
import no.dhoindex.gateway.fanout.SourceRefusal;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.TimeRange;
import no.dhoindex.shared.xds.wire.AdhocQueryRequestReader;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.staxutils.StaxUtils;
import no.dhoindex.shared.xua.XuaAssertions;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.XCA;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The gateway's plain SOAP client for ITI-18 / ITI-38: what it sends (one sized HTTP/1.1 request with the correlation
 * id, the envelope's WS-Addressing and XUA headers, a body the registry's and IPF's readers read back as the same
 * query), and what it makes of what comes back (the answer in the domain, a refusal for one it cannot read, and the
 * failures the fan-out tells apart: refusals, faults, statuses, headers it does not understand, bodies that are not XML).
 */
class StoredQueryClientTest {

    private static final String PATIENT = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";
    private static final String HOME = "urn:oid:2.16.578.1.12.4.1.7.1.2";
    private static final StoredQuery FIND = XdsMessages.readQuery(XdsMessages.findDocuments(PatientId.parseCx(PATIENT),
            List.of(), List.of()), XDS.Interactions.ITI_18).query();
    private static final String ENTRY = "<rim:ExtrinsicObject id=\"urn:uuid:e1\" mimeType=\"text/plain\""
            + " objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\""
            + " status=\"urn:oasis:names:tc:ebxml-regrep:StatusType:Approved\">"
            + "<rim:ExternalIdentifier id=\"x1\" registryObject=\"urn:uuid:e1\""
            + " identificationScheme=\"urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427\""
            + " value=\"15077510041^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO\"/>"
            + "<rim:ExternalIdentifier id=\"x2\" registryObject=\"urn:uuid:e1\""
            + " identificationScheme=\"urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab\" value=\"2.25.1\"/>"
            + "</rim:ExtrinsicObject>";

    /** What the source saw of one request. */
    private record Seen(String protocol, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** A source on loopback answering every request with {@code status}, {@code contentType} and {@code body}. */
    private static final class Source implements AutoCloseable {
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Source(int status, String contentType, String body, long delayMillis) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(new Seen(exchange.getProtocol(), Map.copyOf(exchange.getRequestHeaders()), request));
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] reply = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            server.start();
        }

        Source(int status, String body) throws IOException {
            this(status, "application/soap+xml; charset=UTF-8", body, 0);
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/xca");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static String envelope(String headers, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>"
                + "<a:Action s:mustUnderstand=\"true\">urn:ihe:iti:2007:CrossGatewayQueryResponse</a:Action>" + headers
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static String answer(String objects) {
        return envelope("", "<q:AdhocQueryResponse xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\">"
                + "<rim:RegistryObjectList>" + objects + "</rim:RegistryObjectList></q:AdhocQueryResponse>");
    }

    private static String fault(String code, String reason) {
        return envelope("", "<s:Fault><s:Code><s:Value>" + code + "</s:Value></s:Code><s:Reason>"
                + "<s:Text xml:lang=\"en\">" + reason + "</s:Text></s:Reason></s:Fault>");
    }

    private static QueryAnswer ask(StoredQueryClient client, Source source, String correlationId,
                                   Optional<Element> assertion) throws IOException {
        return client.ask(source.url(), StoredQueryClient.ITI_38, Duration.ofSeconds(5), correlationId, assertion,
                client.prepare(FIND), HOME);
    }

    private static QueryAnswer ask(Source source) throws IOException {
        return ask(new StoredQueryClient(), source, "corr", Optional.empty());
    }

    private static SourceFailure failure(int status, String body) throws IOException {
        try (Source source = new Source(status, body)) {
            return assertThrows(SourceFailure.class, () -> ask(source));
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element header(org.w3c.dom.Node envelope, String ns, String name) {
        var found = envelope instanceof Document d ? d.getElementsByTagNameNS(ns, name)
                : ((Element) envelope).getElementsByTagNameNS(ns, name);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    @Test
    void aQueryGoesOutAsOneSizedHttp11RequestWithTheCorrelationIdAndItsAnswerIsRead() throws Exception {
        try (Source source = new Source(200, answer(ENTRY))) {
            QueryAnswer answer = ask(new StoredQueryClient(), source, "corr-1", Optional.empty());

            assertEquals(QueryAnswer.Status.SUCCESS, answer.status());
            assertEquals(PatientId.parseCx(PATIENT), answer.result().documents().get(0).patientId());
            assertEquals("2.25.1", answer.result().documents().get(0).uniqueId());
            assertEquals(1, source.seen.size());
            Seen request = source.seen.get(0);
            assertEquals("HTTP/1.1", request.protocol());
            assertEquals("corr-1", request.header(CommunityClients.CORRELATION_HEADER));
            // Sized, not chunked: a source's server need not read chunked bodies.
            assertEquals(request.body().getBytes(StandardCharsets.UTF_8).length,
                    Integer.parseInt(request.header("Content-Length")));
            assertNull(request.header("Transfer-Encoding"));
            assertEquals("application/soap+xml; charset=UTF-8; action=\"urn:ihe:iti:2007:CrossGatewayQuery\"",
                    request.header("Content-Type"));
        }
    }

    @Test
    void theEnvelopeCarriesTheAddressingHeadersAsCxfWroteThemAndNoSecurityWithoutAnAssertion() throws Exception {
        try (Source source = new Source(200, answer(""))) {
            ask(source);
            ask(source);
            Document request = parse(source.seen.get(0).body());
            Element action = header(request, SoapEnvelope.WSA, "Action");
            assertEquals(StoredQueryClient.ITI_38, action.getTextContent());
            assertEquals("true", action.getAttributeNS(SoapEnvelope.SOAP12, "mustUnderstand"));
            String id = header(request, SoapEnvelope.WSA, "MessageID").getTextContent();
            assertTrue(id.matches("urn:uuid:[0-9a-f-]{36}"), id);
            assertEquals(source.url().toString(), header(request, SoapEnvelope.WSA, "To").getTextContent());
            assertEquals("http://www.w3.org/2005/08/addressing/anonymous",
                    header(header(request, SoapEnvelope.WSA, "ReplyTo"), SoapEnvelope.WSA, "Address").getTextContent());
            assertNull(header(request, no.dhoindex.shared.soap.XuaHeader.WSSE, "Security"));
            // Every call its own MessageID.
            assertFalse(source.seen.get(1).body().contains(id));
        }
    }

    @Test
    void theCallersAssertionTravelsInASecurityHeaderAndNeverWithTheNextCaller() throws Exception {
        Element assertion = parse("<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"a1\">"
                + "<saml2:Issuer>gateway</saml2:Issuer><saml2:AttributeStatement><saml2:Attribute Name=\"n\">"
                + "<saml2:AttributeValue xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xs:string\">Anne &amp; co"
                + "</saml2:AttributeValue></saml2:Attribute></saml2:AttributeStatement></saml2:Assertion>")
                .getDocumentElement();
        StoredQueryClient client = new StoredQueryClient();
        try (Source source = new Source(200, answer(""))) {
            ask(client, source, "one", Optional.of(assertion));
            ask(client, source, "two", Optional.empty());

            Document first = parse(source.seen.get(0).body());
            Element security = header(first, no.dhoindex.shared.soap.XuaHeader.WSSE, "Security");
            assertEquals("true", security.getAttributeNS(SoapEnvelope.SOAP12, "mustUnderstand"));
            Element sent = header(first, "urn:oasis:names:tc:SAML:2.0:assertion", "Assertion");
            assertSame(security, sent.getParentNode());
            assertEquals("Anne & co", sent.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                    "AttributeValue").item(0).getTextContent());
            assertEquals("xs:string", ((Element) sent.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                    "AttributeValue").item(0)).getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type"));
            assertNull(header(parse(source.seen.get(1).body()), no.dhoindex.shared.soap.XuaHeader.WSSE, "Security"));
        }
    }

    @Test
    void aSignedAssertionArrivesStillVerifyingAsTheOneSigned(@TempDir Path keys) throws Exception {
        XuaClaims claims = new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095", "974589095", "TREAT", "LE",
                PATIENT, HOME);
        XuaKeys.Signer signer = XuaKeys.loadOrCreate(keys.resolve("keys"), "dho-gateway", null);
        Element assertion = XuaAssertions.issue(claims, "urn:dho-index:gateway", HOME, Duration.ofMinutes(5), signer);
        try (Source source = new Source(200, answer(""))) {
            ask(new StoredQueryClient(), source, "signed", Optional.of(assertion));
            Element sent = header(parse(source.seen.get(0).body()), "urn:oasis:names:tc:SAML:2.0:assertion", "Assertion");
            assertEquals(claims, XuaAssertions.validate(sent, List.of(signer.certificate()), HOME, Instant.now(),
                    Duration.ofSeconds(5)));
        }
    }

    @Test
    void theWrittenQueryIsReadBackAsTheSameQueryByTheRegistrysReaderAndByIpf() throws Exception {
        Code code = new Code("A00-1", "2.16.578.1.12.4.1.1.9602", null);
        DocumentFilter filter = new DocumentFilter(Set.of(AvailabilityStatus.APPROVED),
                Set.of(DocumentEntryType.ON_DEMAND, DocumentEntryType.STABLE), CodeFilter.anyOf(List.of(code)),
                CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, new CodeFilter(List.of(List.of(code))),
                CodeFilter.ANY, new TimeRange("20260101", "20261231"), TimeRange.ANY, TimeRange.ANY,
                List.of("%Lege & <co>%"), List.of());
        List<StoredQuery> queries = List.of(FIND, new StoredQuery.FindDocuments(PatientId.parseCx(PATIENT), filter),
                new StoredQuery.GetDocuments(new ObjectSelector(List.of(), List.of("2.25.1", "2.25.2"), List.of())));
        JAXBContext jaxb = JAXBContext.newInstance(AdhocQueryRequest.class);
        for (StoredQuery query : queries) {
            QueryRequestBody body = QueryRequestBody.write(query);
            for (String home : new String[] {HOME, null}) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                body.writeTo(bytes, home);
                XMLStreamReader r = StaxUtils.createXMLStreamReader(new ByteArrayInputStream(bytes.toByteArray()), "UTF-8");
                r.nextTag();
                StoredQueryRequest byRegistry = XdsMessages.readQuery(AdhocQueryRequestReader.read(r),
                        home == null ? XDS.Interactions.ITI_18 : XCA.Interactions.ITI_38);
                assertEquals(query, byRegistry.query(), new String(bytes.toByteArray(), StandardCharsets.UTF_8));
                assertEquals(home, byRegistry.homeCommunityId());
                assertEquals(ReturnType.LEAF_CLASS, byRegistry.returnType());
                // JAXB, as IPF's and CXF's endpoints read it, then IPF's validator and transformer.
                AdhocQueryRequest unmarshalled = (AdhocQueryRequest) jaxb.createUnmarshaller()
                        .unmarshal(new ByteArrayInputStream(bytes.toByteArray()));
                StoredQueryRequest byIpf = XdsMessages.readQueryByIpf(unmarshalled,
                        home == null ? XDS.Interactions.ITI_18 : XCA.Interactions.ITI_38);
                assertEquals(query, byIpf.query());
                assertEquals(home, byIpf.homeCommunityId());
            }
        }
    }

    @Test
    void aQuestionsBodyIsWrittenOnceForAllItsSources() {
        StoredQueryClient client = new StoredQueryClient();
        StoredQuery other = new StoredQuery.GetDocuments(new ObjectSelector(List.of(), List.of("2.25.9"), List.of()));
        assertTrue(QueryRequestBody.write(FIND).of(FIND));
        assertFalse(QueryRequestBody.write(FIND).of(other));
        assertSame(bodyOf(client.prepare(FIND)), bodyOf(client.prepare(FIND)));
        assertFalse(bodyOf(client.prepare(other)).of(FIND));
    }

    private static QueryRequestBody bodyOf(StoredQueryClient.Prepared prepared) {
        return prepared.body;
    }

    @Test
    void anAnswerThatCannotBeTakenIntoTheDomainIsRefusedAsBefore() throws Exception {
        try (Source source = new Source(200, answer(ENTRY.replaceAll("<rim:ExternalIdentifier id=\"x1\"[^>]*/>", "")))) {
            XdsRefusal refused = assertThrows(XdsRefusal.class, () -> ask(source));
            assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, refused.errorCode());
            assertTrue(refused.getMessage().contains("patientId"), refused.getMessage());
        }
    }

    @Test
    void aBodyThatIsNotXmlFailsTheCallWithTheParsersReason() throws Exception {
        SourceFailure broken = failure(200,
                answer("<rim:ExtrinsicObject id=\"urn:uuid:e1\"><rim:Slot name=\"x\"></rim:ExtrinsicObject>"));
        assertTrue(broken.getMessage().contains("close tag"), broken.getMessage());
        assertFalse(SourceRefusal.isRefusal(broken));
        try (Source html = new Source(500, "text/html", "<html><body>Internal error<br></body></html>", 0)) {
            SourceFailure failed = assertThrows(SourceFailure.class, () -> ask(html));
            assertFalse(SourceRefusal.isRefusal(failed));
        }
    }

    @Test
    void a401Or403IsARefusalWhateverTheBodyAndOtherStatusesAreFailures() throws Exception {
        assertEquals(403, SourceRefusal.status(failure(403, fault("s:Sender", "Forbidden"))).getAsInt());
        assertEquals(401, SourceRefusal.status(failure(401, "")).getAsInt());
        for (int status : new int[] {400, 404, 503}) {
            SourceFailure failed = failure(status, fault("s:Sender", "no"));
            assertEquals(status, failed.status());
            assertFalse(SourceRefusal.isRefusal(failed));
            assertTrue(failed.getMessage().contains(String.valueOf(status)), failed.getMessage());
        }
    }

    @Test
    void aSoapFaultFailsTheCallWithItsCodeAndReasonWhateverItsStatus() throws Exception {
        for (int status : new int[] {500, 200}) {
            SourceFailure failed = failure(status, fault("s:Receiver", "the registry is down"));
            assertFalse(SourceRefusal.isRefusal(failed));
            assertTrue(failed.getMessage().contains("s:Receiver") && failed.getMessage().contains("the registry is down"),
                    failed.getMessage());
        }
    }

    @Test
    void aHeaderTheGatewayMustUnderstandButDoesNotFailsTheCall() throws Exception {
        String security = "<wsse:Security xmlns:wsse=\"" + no.dhoindex.shared.soap.XuaHeader.WSSE + "\"";
        SourceFailure failed = failure(200, answer("").replace("</s:Header>",
                security + " s:mustUnderstand=\"1\"/></s:Header>"));
        assertTrue(failed.getMessage().contains("MustUnderstand"), failed.getMessage());
        // Understood (WS-Addressing), not to be understood, or meant for another role: read as usual.
        try (Source source = new Source(200, answer("").replace("</s:Header>", security + "/>" + security
                + " s:mustUnderstand=\"true\" s:role=\"http://www.w3.org/2003/05/soap-envelope/role/none\"/>"
                + "<a:RelatesTo s:mustUnderstand=\"true\">urn:uuid:x</a:RelatesTo></s:Header>"))) {
            assertEquals(QueryAnswer.Status.SUCCESS, ask(source).status());
        }
    }

    @Test
    void anythingButAnAdhocQueryResponseInASoap12EnvelopeFails() throws Exception {
        failure(200, "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body/></Envelope>");
        failure(200, envelope("", "<x:Other xmlns:x=\"urn:x\"/>"));
        failure(200, envelope("", ""));
        SourceFailure dtd = failure(200, "<!DOCTYPE s:Envelope [<!ENTITY x \"y\">]>" + answer(""));
        assertFalse(SourceRefusal.isRefusal(dtd));
    }

    @Test
    void aSourceSlowerThanItsDeadlineEndsTheCallAtTheDeadline() throws Exception {
        try (Source slow = new Source(200, "application/soap+xml", answer(""), 1500)) {
            StoredQueryClient client = new StoredQueryClient();
            assertThrows(SocketTimeoutException.class, () -> client.ask(slow.url(), StoredQueryClient.ITI_38,
                    Duration.ofMillis(200), "slow", Optional.empty(), client.prepare(FIND), HOME));
        }
    }

    /**
     * A source that keeps the first connection alive for one answer and closes it when the next question arrives on it
     * (its idle timeout meeting the question): the question is asked once more on a new connection and answered. A
     * streamed POST (the JDK's fixed-length mode) is not asked again; it failed here, after the JDK had paid a 1 ms probe
     * of the kept-alive connection before every call.
     */
    @Test
    void aQuestionOnAKeptAliveConnectionTheSourceJustClosedIsAskedAgainOnANewOne() throws Exception {
        byte[] reply = answer(ENTRY).getBytes(StandardCharsets.UTF_8);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread source = new Thread(() -> {
                try (java.net.Socket first = server.accept()) {
                    seen.add("connection 1: " + readRequest(first.getInputStream()));
                    writeAnswer(first.getOutputStream(), reply);
                    seen.add("connection 1: " + readRequest(first.getInputStream()));
                    // closed unanswered
                } catch (IOException e) {
                    seen.add("source failed: " + e);
                }
                try (java.net.Socket second = server.accept()) {
                    seen.add("connection 2: " + readRequest(second.getInputStream()));
                    writeAnswer(second.getOutputStream(), reply);
                } catch (IOException e) {
                    seen.add("source failed: " + e);
                }
            });
            source.setDaemon(true);
            source.start();
            StoredQueryClient client = new StoredQueryClient();
            URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/xca");
            for (String correlationId : List.of("first", "second")) {
                QueryAnswer answer = client.ask(url, StoredQueryClient.ITI_38, Duration.ofSeconds(5), correlationId,
                        Optional.empty(), client.prepare(FIND), HOME);
                assertEquals("2.25.1", answer.result().documents().get(0).uniqueId());
            }
            source.join(5000);
            assertEquals(List.of("connection 1: first", "connection 1: second", "connection 2: second"), seen);
        }
    }

    /** One HTTP/1.1 request off {@code in}: its correlation id; its body, by Content-Length, is read and dropped. */
    private static String readRequest(java.io.InputStream in) throws IOException {
        String correlationId = null;
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith(CommunityClients.CORRELATION_HEADER.toLowerCase(java.util.Locale.ROOT) + ":")) {
                correlationId = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        in.readNBytes(length);
        return correlationId;
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("the connection ended in a request's headers");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void writeAnswer(java.io.OutputStream out, byte[] reply) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=UTF-8\r\nContent-Length: "
                + reply.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(reply);
        out.flush();
    }

    @Test
    void anAnswerSentAsMtomIsReadFromItsRootPart() throws Exception {
        String multipart = "--uuid:b1\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\""
                + "\r\nContent-ID: <root.message@cxf.apache.org>\r\n\r\n" + answer(ENTRY) + "\r\n--uuid:b1--\r\n";
        try (Source source = new Source(200, "multipart/related; type=\"application/xop+xml\"; boundary=\"uuid:b1\";"
                + " start=\"<root.message@cxf.apache.org>\"; start-info=\"application/soap+xml\"", multipart, 0)) {
            assertEquals("2.25.1", ask(source).result().documents().get(0).uniqueId());
        }
    }

    @Test
    void refusalsAndFailuresReachTheFederationWithTheXdsCodesTheyHadThroughCxf() throws Exception {
        FanOut fanOut = new FanOut(8, 100, Duration.ofSeconds(10), new LocalBreakerStates(), java.time.Clock.systemUTC());
        StoredQueryClient client = new StoredQueryClient();
        try (Source registry = new Source(200, answer(""));
             Source refusing = new Source(403, fault("s:Sender", "access denied"));
             Source faulting = new Source(500, fault("s:Receiver", "database down"));
             Source answering = new Source(200, answer(ENTRY))) {
            List<Community> communities = List.of(community("refusing", refusing), community("faulting", faulting),
                    community("answering", answering));
            FederationSources ports = new UnsecuredQuerySources(client, registry.url(), Duration.ofSeconds(5));
            FederatedAnswer answer = new Federation(() -> communities, ports, fanOut, Duration.ofSeconds(5),
                    Duration.ofSeconds(10), java.time.Clock.systemUTC()).ask(Caller.unchecked("test"), FIND, "corr");

            assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, answer.answer().status());
            assertEquals(List.of("2.25.1"), answer.answer().result().documents().stream()
                    .map(no.dhoindex.shared.xds.model.DocumentPointer::uniqueId).toList());
            Map<String, SourceOutcome> outcomes = new java.util.HashMap<>();
            answer.sources().forEach(o -> outcomes.put(o.source(), o));
            assertEquals(SourceAnswer.Outcome.REFUSED, outcomes.get("refusing").outcome());
            assertEquals(Optional.of(XdsErrorCode.REGISTRY_ERROR), outcomes.get("refusing").error());
            assertEquals(SourceAnswer.Outcome.FAILED, outcomes.get("faulting").outcome());
            assertEquals(Optional.of(XdsErrorCode.UNAVAILABLE_COMMUNITY), outcomes.get("faulting").error());
            assertTrue(outcomes.get("faulting").reason().contains("database down"), outcomes.get("faulting").reason());
            assertEquals(SourceAnswer.Outcome.ANSWERED, outcomes.get("answering").outcome());
            // Every community was asked for its own home, in the one body the question was written into.
            assertTrue(refusing.seen.get(0).body().contains("home=\"urn:oid:2.25.refusing\""));
            assertTrue(answering.seen.get(0).body().contains("home=\"urn:oid:2.25.answering\""));
            assertFalse(registry.seen.get(0).body().contains("home="));
        } finally {
            fanOut.stop();
        }
    }

    private static Community community(String name, Source source) {
        return new Community(name, "urn:oid:2.25." + name, source.url(), null, Set.of(), Duration.ofSeconds(5), false,
                null, null);
    }
}
