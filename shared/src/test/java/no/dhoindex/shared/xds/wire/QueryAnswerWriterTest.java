package no.dhoindex.shared.xds.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.xds.model.SourcePatient;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.ReturnType;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.PatientInfo;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.transform.hl7.PatientInfoTransformer;

/**
 * The answer {@link QueryAnswerWriter} writes is the answer IPF's transformer and JAXB write for the same domain
 * answer ({@link XdsMessages#queryResponse}, the oracle): read back by IPF's JAXB and written again by the same
 * marshaller, the two are the same document but for the generated ids of classifications and external identifiers.
 */
class QueryAnswerWriterTest {

    private static final JAXBContext JAXB = context();
    /** A generated id: the id attribute of a Classification or ExternalIdentifier element. */
    private static final Pattern GENERATED = Pattern.compile(
            "(<(?:\\w+:)?(?:Classification|ExternalIdentifier)\\b[^>]*?\\bid=\")([^\"]*)(\")");

    @Test
    void everyAnswerIsWrittenAsIpfWritesIt() throws Exception {
        for (QueryAnswer answer : AnswerSamples.answers()) {
            for (ReturnType type : ReturnType.values()) {
                // Both read back by JAXB, so that only what the wire carries is compared (an empty element's text).
                String expected = normalised(read(xml(XdsMessages.queryResponse(answer, type))), null);
                Set<String> ids = new HashSet<>();
                String actual = normalised(read(written(answer, type)), ids);
                assertEquals(expected, actual, "answer " + answer.status() + " of " + answer.result().size()
                        + " objects as " + type);
            }
        }
    }

    @Test
    void generatedIdsAreUniqueUuidUrns() throws Exception {
        Set<String> ids = new HashSet<>();
        int count = 0;
        for (int i = 0; i < 20; i++) {
            Matcher m = GENERATED.matcher(written(QueryAnswer.success(AnswerSamples.RICH), ReturnType.LEAF_CLASS));
            while (m.find()) {
                count++;
                assertTrue(m.group(2).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                        m.group(2));
                ids.add(m.group(2));
            }
        }
        assertTrue(count > 20 * 30, "classifications and external identifiers written: " + count);
        assertEquals(count, ids.size(), "every generated id is new");
    }

    @Test
    void sourcePatientValuesAreSplitAndOrderedAsIpfDoes() {
        // Ten long addresses pass IPF's 255 characters per value; a PID-2 comes before PID-3, PID-10 before PID-11.
        var address = new no.dhoindex.shared.xds.model.Address("Storgata " + "x".repeat(40), null, "Bergen", null,
                "5003", "NOR", null);
        SourcePatient patient = new SourcePatient(AnswerSamples.DISCHARGE.provenance().sourcePatient().identifiers(),
                List.of(), null, "F", java.util.Collections.nCopies(10, address),
                java.util.Map.of("PID-2", List.of("  A-1  "), "PID-10", List.of("x", "", "y")));
        PatientInfo ipf = no.dhoindex.shared.xds.wire.Hl7v2Parts.ipf(patient);
        List<String> expected = new PatientInfoTransformer().toHL7(ipf);
        List<String> actual = QueryAnswerWriter.sourcePatientInfo(patient);
        assertEquals(expected, actual);
        assertTrue(actual.size() > 5, "the addresses were split: " + actual);
        assertFalse(actual.stream().anyMatch(v -> v.length() > 255), "no value longer than 255: " + actual);
    }

    /** The answer as QueryAnswerWriter writes it. */
    static String written(QueryAnswer answer, ReturnType type) throws Exception {
        StringWriter out = new StringWriter();
        XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
        QueryAnswerWriter.write(answer, type, w);
        w.close();
        return out.toString();
    }

    private static AdhocQueryResponse read(String xml) throws Exception {
        return (AdhocQueryResponse) JAXB.createUnmarshaller().unmarshal(new StringReader(xml));
    }

    /** Marshalled as the endpoints marshal: IPF's listener adds the extra metadata. */
    private static String xml(AdhocQueryResponse response) throws Exception {
        Marshaller marshaller = JAXB.createMarshaller();
        marshaller.setListener(new XdsJaxbDataBinding.MarshallerListener());
        marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
        StringWriter out = new StringWriter();
        marshaller.marshal(response, out);
        return out.toString();
    }

    /** Marshalled, generated ids replaced (and each, when {@code ids} is given, checked to be new). */
    private static String normalised(AdhocQueryResponse response, Set<String> ids) throws Exception {
        Matcher m = GENERATED.matcher(xml(response));
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            if (ids != null) {
                assertTrue(ids.add(m.group(2)), "id " + m.group(2) + " used twice");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + "(generated)" + m.group(3)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(AdhocQueryResponse.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
