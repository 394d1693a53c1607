package no.dhoindex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The registry benchmark's check of an ITI-18 answer, on the registry's real answer kept by a benchmark run. */
class PreparedQueryTest {

    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

    private static String answer() throws IOException {
        try (InputStream in = PreparedQueryTest.class.getResourceAsStream("/iti18-kommune-on-demand-pointer.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void countsTheDocumentEntriesOfASuccessAnswerAsTheDomDoes() throws Exception {
        String answer = answer();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document dom = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                answer.getBytes(StandardCharsets.UTF_8)));
        int expected = dom.getElementsByTagNameNS(RIM, "ExtrinsicObject").getLength();
        assertEquals(expected, PreparedQuery.entries(answer.getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, expected > 0);
    }

    @Test
    void aFailureOrAFaultIsNoAnswer() throws Exception {
        String failure = answer().replace("ResponseStatusType:Success", "ResponseStatusType:Failure");
        assertThrows(IllegalStateException.class, () -> PreparedQuery.entries(failure.getBytes(StandardCharsets.UTF_8)));
        String fault = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code>"
                + "<s:Value>s:Sender</s:Value></s:Code></s:Fault></s:Body></s:Envelope>";
        assertThrows(IllegalStateException.class, () -> PreparedQuery.entries(fault.getBytes(StandardCharsets.UTF_8)));
    }
}
