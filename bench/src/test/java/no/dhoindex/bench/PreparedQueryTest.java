package no.dhoindex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The registry benchmark's check of an ITI-18 answer, on the registry's real answer kept by a benchmark run. */
class PreparedQueryTest {

    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    /** The patient of the kept answer, as its entries name them. */
    private static final String PATIENT = "12828510159";
    private static final String PATIENT_CX = PATIENT + "^^^&2.16.578.1.12.4.1.4.1&ISO";

    private static String answer() throws IOException {
        try (InputStream in = PreparedQueryTest.class.getResourceAsStream("/iti18-kommune-on-demand-pointer.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int entries(String answer) throws Exception {
        return PreparedQuery.entries(answer.getBytes(StandardCharsets.UTF_8), PATIENT_CX);
    }

    @Test
    void countsTheDocumentEntriesOfASuccessAnswerAsTheDomDoes() throws Exception {
        String answer = answer();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document dom = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                answer.getBytes(StandardCharsets.UTF_8)));
        int expected = dom.getElementsByTagNameNS(RIM, "ExtrinsicObject").getLength();
        assertEquals(expected, entries(answer));
        assertTrue(expected > 0);
    }

    @Test
    void aFailureOrAFaultIsNoAnswer() throws Exception {
        String failure = answer().replace("ResponseStatusType:Success", "ResponseStatusType:Failure");
        assertThrows(IllegalStateException.class, () -> entries(failure));
        String fault = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code>"
                + "<s:Value>s:Sender</s:Value></s:Code></s:Fault></s:Body></s:Envelope>";
        assertThrows(IllegalStateException.class, () -> entries(fault));
    }

    @Test
    void anEntryOfAnotherPatientOrWithoutItsPatientIdIsNoAnswer() throws Exception {
        String answer = answer();
        assertTrue(answer.contains("value=\"" + PATIENT + "^^^"));
        String other = answer.replace("value=\"" + PATIENT + "^^^", "value=\"01010112345^^^");
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> entries(other));
        assertTrue(wrong.getMessage().contains("01010112345"), wrong.getMessage());
        String unnamed = answer.replace(PreparedQuery.ENTRY_PATIENT_ID, "urn:uuid:00000000-0000-4000-8000-000000000000");
        assertThrows(IllegalStateException.class, () -> entries(unnamed));
    }

    @Test
    void postsEachQueryWithAFreshMessageIdOnAKeptConnectionWhateverTheFraming() throws Exception {
        String answer = answer();
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        List<String> ids = new CopyOnWriteArrayList<>();
        Set<Object> connections = ConcurrentHashMap.newKeySet();
        AtomicInteger served = new AtomicInteger();
        Pattern messageId = Pattern.compile("<a:MessageID>(urn:uuid:[0-9a-f-]{36})</a:MessageID>");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/registry/services/registry", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = messageId.matcher(request);
            ids.add(m.find() ? m.group(1) : "none");
            connections.add(exchange.getRemoteAddress());
            int n = served.incrementAndGet();
            if (n == 3) {
                // the server ends the kept-alive connection after this answer: the next query opens a new one
                exchange.getResponseHeaders().add("Connection", "close");
            }
            // odd answers chunked, even ones with their length
            exchange.sendResponseHeaders(200, n % 2 == 1 ? 0 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes, 0, 100);
                out.flush();
                out.write(bytes, 100, bytes.length - 100);
            }
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/registry/services/registry");
            PreparedQuery query = new PreparedQuery(endpoint, "<q:AdhocQueryRequest xmlns:q=\"urn:x\"/>", null, PATIENT);
            for (int i = 0; i < 5; i++) {
                assertEquals(1, query.ask());
            }
            assertEquals(5, ids.size());
            assertEquals(5, Set.copyOf(ids).size(), "a fresh MessageID each time: " + ids);
            assertEquals(2, connections.size(), "one connection until the server closed it: " + connections);
            PreparedQuery other = new PreparedQuery(endpoint, "<q:AdhocQueryRequest xmlns:q=\"urn:x\"/>", null,
                    "01010112345");
            assertThrows(IllegalStateException.class, other::ask);
        } finally {
            server.stop(0);
        }
    }
}
