package no.dhoindex.shared.xds.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Text;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import org.codehaus.stax2.XMLStreamWriter2;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/**
 * {@link AnswerOut.Text}, the XML text an answer is written as into a Woodstox writer, against
 * {@link AnswerOut.Stax}, the StAX calls into the same Woodstox writer as before: the same document (DOM), read back to
 * the same domain answer; and where they differ on purpose (U+FFFE), that the new one refuses what the old one wrote
 * and no parser reads. Most of these pin equivalence of the two paths; {@link #aWoodstoxWriterGetsTheAnswerAsRawText},
 * {@link #theRawTextClosesTheEnvelopesOpenStartTag} and {@link #aNonCharacterIsRefusedRatherThanWrittenUnreadable}
 * pin the new behaviour.
 */
class AnswerOutTest {

    private static final XMLOutputFactory WOODSTOX = XMLOutputFactory.newInstance();
    private static final XMLInputFactory STAX = XMLInputFactory.newInstance();
    private static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    /** Everything escaping must get right, in one value: markup, quotes, white space attribute values lose, æøå, 😀. */
    private static final String AWKWARD = "a & b < c > d \" e ' f\tg\nh\r\ni \r j ]]> Ærlig Øst-Ågård 😀 𝄞 end";

    @Test
    void everySampleAnswerIsTheSameDocumentBothWays() throws Exception {
        for (QueryAnswer answer : answers()) {
            for (ReturnType type : ReturnType.values()) {
                String name = answer.status() + " of " + answer.result().size() + " objects as " + type;
                byte[] stax = written(answer, type, false);
                byte[] text = written(answer, type, true);
                assertTrue(normalised(dom(text)).isEqualNode(normalised(dom(stax))), name + "\n" + utf8(stax) + "\n"
                        + utf8(text));
                assertEquals(read(stax), read(text), name);
            }
        }
    }

    @Test
    void aWoodstoxWriterGetsTheAnswerAsRawText() throws Exception {
        assertInstanceOf(AnswerOut.Raw.class, AnswerOut.of(WOODSTOX.createXMLStreamWriter(new StringWriter())));
        assertInstanceOf(AnswerOut.Raw.class, AnswerOut.of(WOODSTOX.createXMLStreamWriter(new ByteArrayOutputStream(),
                "UTF-8")));
        assertInstanceOf(AnswerOut.Stax.class, AnswerOut.of(WOODSTOX.createXMLStreamWriter(new ByteArrayOutputStream(),
                "ISO-8859-1")));
        assertInstanceOf(AnswerOut.Stax.class, AnswerOut.of(XMLOutputFactory.newDefaultFactory()
                .createXMLStreamWriter(new StringWriter())));
    }

    @Test
    void theRawTextClosesTheEnvelopesOpenStartTag() throws Exception {
        QueryAnswer answer = answers().get(0);
        Document alone = dom(written(answer, ReturnType.LEAF_CLASS, false));
        // As CXF writes it (the root by StAX, the rest raw), and wholly raw right after the open <soap:Body>.
        for (boolean whollyRaw : new boolean[] {false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter w = WOODSTOX.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("soap", "Envelope", SOAP);
            w.writeNamespace("soap", SOAP);
            w.writeStartElement("soap", "Body", SOAP);
            if (whollyRaw) {
                QueryAnswerWriter.write(answer, ReturnType.LEAF_CLASS,
                        new AnswerOut.Text(((XMLStreamWriter2) w)::writeRaw));
            } else {
                QueryAnswerWriter.write(answer, ReturnType.LEAF_CLASS, w);
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();

            String xml = utf8(out.toByteArray());
            assertTrue(xml.contains("<soap:Body><query:AdhocQueryResponse "), xml);
            assertTrue(xml.contains("\"><RegistryObjectList>"), xml);
            Element body = (Element) dom(out.toByteArray()).getDocumentElement().getFirstChild();
            assertEquals("Body", body.getLocalName());
            assertEquals(1, body.getChildNodes().getLength());
            Element response = (Element) body.getFirstChild();
            assertEquals(QueryAnswerWriter.QUERY, response.getNamespaceURI());
            Document inEnvelope = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            inEnvelope.appendChild(inEnvelope.importNode(response, true));
            assertTrue(normalised(inEnvelope).isEqualNode(normalised(alone)));
        }
    }

    @Test
    void aLongAnswerIsHandedOnInChunksAndWhole() throws Exception {
        List<DocumentPointer> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(AnswerSamples.DISCHARGE);
        }
        QueryAnswer answer = QueryAnswer.success(new QueryResult(many, List.of(), List.of(), List.of()));
        List<Integer> chunks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        QueryAnswerWriter.write(answer, ReturnType.LEAF_CLASS, new AnswerOut.Text((c, off, len) -> {
            chunks.add(len);
            text.append(c, off, len);
        }));
        assertTrue(chunks.size() > 10 && chunks.stream().allMatch(n -> n < 2 * AnswerOut.Text.CHUNK), chunks.toString());
        assertTrue(normalised(dom(text.toString().getBytes(StandardCharsets.UTF_8)))
                .isEqualNode(normalised(dom(written(answer, ReturnType.LEAF_CLASS, false)))));
    }

    @Test
    void aCharacterXmlCannotCarryFailsBothWays() {
        for (String bad : List.of("nul \u0000", "bell \u0007", "vt \u000B", "esc \u001B", "lone high \uD83D!",
                "lone low \uDE00", "high at the end \uD83D")) {
            for (boolean inAttribute : new boolean[] {true, false}) {
                QueryAnswer answer = withValue(bad, inAttribute);
                assertThrows(XMLStreamException.class, () -> written(answer, ReturnType.LEAF_CLASS, false), bad);
                assertThrows(XMLStreamException.class, () -> written(answer, ReturnType.LEAF_CLASS, true), bad);
            }
        }
    }

    @Test
    void aNonCharacterIsRefusedRatherThanWrittenUnreadable() throws Exception {
        for (String bad : List.of("x \uFFFE", "x \uFFFF")) {
            for (boolean inAttribute : new boolean[] {true, false}) {
                QueryAnswer answer = withValue(bad, inAttribute);
                byte[] old = written(answer, ReturnType.LEAF_CLASS, false);
                assertThrows(Exception.class, () -> dom(old), "Woodstox wrote a reference no parser reads");
                assertThrows(XMLStreamException.class, () -> written(answer, ReturnType.LEAF_CLASS, true), bad);
            }
        }
    }

    /** The samples QueryAnswerWriterTest compares with IPF, and answers of awkward values. */
    private static List<QueryAnswer> answers() {
        List<QueryAnswer> answers = new ArrayList<>(AnswerSamples.answers());
        answers.add(withValue(AWKWARD, true));
        answers.add(withValue(AWKWARD, false));
        answers.add(withValue("", true));
        answers.add(withValue("", false));
        answers.add(new QueryAnswer(QueryAnswer.Status.PARTIAL_SUCCESS,
                new QueryResult(List.of(AnswerSamples.DISCHARGE), List.of(), List.of(), List.of()),
                List.of(XdsError.error(XdsErrorCode.REGISTRY_ERROR, AWKWARD, "urn:oid:1.2.3 " + AWKWARD))));
        return answers;
    }

    /**
     * An entry with {@code value} where attributes carry it (title and comments are LocalizedString value attributes,
     * so is a code's display name) or where text does (a slot's Value: an extra metadata slot, the URI).
     */
    private static QueryAnswer withValue(String value, boolean inAttribute) {
        RegistryObjectId id = new RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000009",
                AnswerSamples.HOSPITAL + ".4.9", null, null, AnswerSamples.HOME);
        Map<String, List<String>> extra = new LinkedHashMap<>();
        DocumentCodes codes;
        Text title = null;
        Text comments = null;
        String uri = null;
        if (inAttribute) {
            codes = new DocumentCodes(new Code("X01", "2.16.578.1.12.4.1.1.9602", value), null, null, null, null,
                    List.of(), List.of());
            title = new Text(value, "nb-NO", null);
            comments = Text.of(value);
        } else {
            codes = new DocumentCodes(new Code("X01", "2.16.578.1.12.4.1.1.9602", null), null, null, null, null,
                    List.of(), List.of());
            extra.put("urn:no:dhoindex:awkward", List.of(value, "", value));
            uri = value;
        }
        DocumentPointer entry = new DocumentPointer(id, AvailabilityStatus.APPROVED, DocumentEntryType.STABLE,
                AnswerSamples.PATIENT, codes, new Provenance(List.of(), null, null, null, null, null, null),
                new DocumentLocation(AnswerSamples.HOSPITAL + ".2", "text/plain", null, null, null, uri, null),
                title, comments, List.of(), extra);
        return QueryAnswer.success(new QueryResult(List.of(entry), List.of(), List.of(), List.of()));
    }

    /** The answer written into a Woodstox writer on bytes, as CXF's: as raw text, or by StAX calls. */
    private static byte[] written(QueryAnswer answer, ReturnType type, boolean text) throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter w = WOODSTOX.createXMLStreamWriter(out, "UTF-8");
        if (text) {
            QueryAnswerWriter.write(answer, type, w);
        } else {
            QueryAnswerWriter.write(answer, type, new AnswerOut.Stax(w));
        }
        w.flush();
        return out.toByteArray();
    }

    private static QueryAnswer read(byte[] xml) throws XMLStreamException {
        XMLStreamReader r = STAX.createXMLStreamReader(new StringReader(utf8(xml)));
        r.nextTag();
        return QueryAnswerReader.read(r);
    }

    private static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler()); // a fatal error is thrown, not also printed
        return builder.parse(new ByteArrayInputStream(xml));
    }

    /** Adjacent text joined, and the generated ids of classifications and external identifiers made one. */
    private static Document normalised(Document d) {
        d.normalizeDocument();
        for (String kind : List.of("Classification", "ExternalIdentifier")) {
            NodeList nodes = d.getElementsByTagNameNS(QueryAnswerWriter.RIM, kind);
            for (int i = 0; i < nodes.getLength(); i++) {
                ((Element) nodes.item(i)).setAttribute("id", "(generated)");
            }
        }
        return d;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static {
        // Woodstox is the factory CXF uses; the comparison means little against another.
        assertTrue(WOODSTOX.getClass().getName().startsWith("com.ctc.wstx."), WOODSTOX.getClass().getName());
    }
}
