package no.dhoindex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * The freshness benchmark's registry probe on a real ITI-18 answer: the registry's answer (kept by the benchmark's
 * subscription run, 2026-12-02) that showed kommune's first on-demand pointer for the benchmark's patient.
 */
class OnDemandPointersTest {

    private static final String KOMMUNE = "2.16.578.1.12.4.1.7.1.3.1";

    private static String answer() throws IOException {
        try (InputStream in = OnDemandPointersTest.class.getResourceAsStream("/iti18-kommune-on-demand-pointer.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The answer's envelope as the benchmark's SOAP client hands it over: parsed namespace-aware. */
    private static List<String> stops(String answer, String repository) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document envelope = factory.newDocumentBuilder().parse(new InputSource(new StringReader(answer)));
        return OnDemandPointers.serviceStopTimes(envelope, repository);
    }

    @Test
    void readsTheStopTimeOfTheOrganisationsPointer() throws Exception {
        assertEquals(List.of("20261001080000"), stops(answer(), KOMMUNE));
    }

    @Test
    void anotherRepositorysEntriesAreNotTheOrganisations() throws Exception {
        assertEquals(List.of(), stops(answer(), "2.16.578.1.12.4.1.7.1.2.1"));
    }

    @Test
    void anAnswerWithoutEntriesShowsNoPointer() throws Exception {
        String empty = answer().replaceAll("(?s)<RegistryObjectList>.*</RegistryObjectList>",
                "<RegistryObjectList/>");
        assertEquals(List.of(), stops(empty, KOMMUNE));
    }

    @Test
    void aStableEntryOfTheSameRepositoryIsNotThePointer() throws Exception {
        String stable = answer().replace("objectType=\"urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248\"",
                "objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\"");
        assertEquals(List.of(), stops(stable, KOMMUNE));
    }

    @Test
    void theQueryAsksForOnDemandEntries() {
        // Without $XDSDocumentEntryType FindDocuments answers stable entries only: the first runs' probe never saw one.
        String query = OnDemandPointers.findApproved(no.dhoindex.testsupport.Samples.nationalCx("12828510159"));
        assertTrue(query.contains("<rim:Slot name=\"$XDSDocumentEntryType\"><rim:ValueList><rim:Value>"
                + "('urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')</rim:Value>"), query);
        assertTrue(query.contains("12828510159^^^"), query);
    }

    @Test
    void noAnswerOrOneWithoutAQueryResponseIsAnErrorNotAnEmptyAnswer() {
        assertThrows(IllegalArgumentException.class, () -> OnDemandPointers.serviceStopTimes(null, KOMMUNE));
        assertThrows(IllegalArgumentException.class, () -> stops(
                "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>", KOMMUNE));
    }
}
