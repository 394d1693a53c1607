package no.dhoindex.shared.xds.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.ReturnType;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * {@link QueryAnswerReader} reads every answer into the domain answer that IPF's JAXB binding (its unmarshaller
 * listener collecting extra metadata), IPF's transformer and {@link XdsMessages#readAnswer} give for the same XML (the
 * oracle): the same objects, status and errors, and the same refusal (XDSRegistryMetadataError) for an answer that
 * cannot be read; XML that is not well-formed fails as XML, never as a stack trace of the domain.
 */
class QueryAnswerReaderTest {

    private static final JAXBContext JAXB = context();
    private static final XMLInputFactory STAX = XMLInputFactory.newInstance();

    private static final String PATIENT = "15077510041^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO";
    private static final String ENTRY = "urn:uuid:2b0d5c5e-6a8a-4a8b-9a43-1d2e3f4a5b6c";
    private static final String STABLE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    private static final String PATIENT_SCHEME = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    private static final String UNIQUE_SCHEME = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    private static final String FOLDER_NODE = "urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2";
    private static final String SET_NODE = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    private static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";

    @Test
    void everySampleAnswerIsReadAsIpfReadsIt() throws Exception {
        int compared = 0;
        for (QueryAnswer answer : AnswerSamples.answers()) {
            for (ReturnType type : ReturnType.values()) {
                // As IPF's transformer and JAXB write it, and as QueryAnswerWriter writes it.
                assertSameAsIpf(xml(XdsMessages.queryResponse(answer, type)));
                assertSameAsIpf(QueryAnswerWriterTest.written(answer, type));
                compared += 2;
            }
        }
        assertEquals(AnswerSamples.answers().size() * 4, compared);
    }

    @Test
    void theSampleAnswersAreReadIntact() throws Exception {
        QueryAnswer partial = AnswerSamples.answers().stream()
                .filter(a -> a.status() == QueryAnswer.Status.PARTIAL_SUCCESS).findFirst().orElseThrow();
        QueryAnswer read = read(QueryAnswerWriterTest.written(partial, ReturnType.LEAF_CLASS));

        assertEquals(QueryAnswer.Status.PARTIAL_SUCCESS, read.status());
        assertEquals(partial.errors(), read.errors());
        assertEquals(partial.result().documents().size(), read.result().documents().size());
        assertEquals(partial.result().submissionSets().size(), read.result().submissionSets().size());
        assertEquals(partial.result().folders().size(), read.result().folders().size());
        assertEquals(partial.result().associations().size(), read.result().associations().size());
        assertEquals(AnswerSamples.DISCHARGE.provenance().authors(), read.result().documents().get(0).provenance().authors());
        assertEquals(AnswerSamples.DISCHARGE.codes(), read.result().documents().get(0).codes());
        assertEquals(AnswerSamples.DISCHARGE.extraMetadata(), read.result().documents().get(0).extraMetadata());
    }

    @Test
    void whatIpfReadsItsOwnWayIsReadTheSameWay() throws Exception {
        // Duplicate slots (the first counts, the last of an extra name), several LocalizedStrings (the first),
        // absent lang, charset, version name and mimeType (the schema's defaults), unknown elements and attributes,
        // another namespace's elements, another objectType (not an entry), a URI of two values, errors of every form.
        String entry = "<rim:ExtrinsicObject id=\"" + ENTRY + "\" objectType=\"" + STABLE + "\" unknown=\"x\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:StatusType:Approved\" home=\"urn:oid:1.2.3\">"
                + slot("creationTime", "20261101120000") + slot("creationTime", "20250101")
                + slot("URI", "https://a/b/c", "https://x/") + slot("size", "12")
                + slot("urn:no:x", "1", "2") + slot("urn:no:x", "3") + slot("urn:ihe:iti:xds:2013:x", "no")
                + slot("urn:no:empty") + "<other:Thing xmlns:other=\"urn:other\"><rim:Slot name=\"hash\"/></other:Thing>"
                + "<rim:Name><rim:LocalizedString value=\"Tittel\"/><rim:LocalizedString xml:lang=\"nb\" value=\"To\"/></rim:Name>"
                + "<rim:Description><rim:LocalizedString xml:lang=\"nb-NO\" charset=\"ISO-8859-1\" value=\"Om\"/></rim:Description>"
                + "<rim:VersionInfo/>"
                + "<rim:Classification classificationScheme=\"urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a\""
                + " classifiedObject=\"" + ENTRY + "\" nodeRepresentation=\"A00-1\" id=\"c1\">"
                + slot("codingScheme", "2.16.578.1.12.4.1.1.9602", "ignored") + "</rim:Classification>"
                + "<rim:Classification classificationScheme=\"urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a\""
                + " classifiedObject=\"" + ENTRY + "\" nodeRepresentation=\"SECOND\" id=\"c2\"/>"
                + "<rim:Classification classificationScheme=\"urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4\""
                + " classifiedObject=\"" + ENTRY + "\" id=\"c3\"><rim:Name><rim:LocalizedString value=\"no code\"/>"
                + "</rim:Name></rim:Classification>"
                + "<rim:Classification classificationScheme=\"urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d\""
                + " classifiedObject=\"" + ENTRY + "\" nodeRepresentation=\"\" id=\"c4\">"
                + slot("authorPerson", "^Lege^Anne") + slot("authorInstitution", "Sykehuset", "")
                + slot("authorRole", "Lege", "") + "</rim:Classification>"
                + ids(PATIENT, "2.25.1") + "</rim:ExtrinsicObject>";
        String other = entry.replace(ENTRY, "urn:uuid:other").replace("objectType=\"" + STABLE + "\"",
                "objectType=\"urn:uuid:not-an-entry\"");
        String errors = "<rs:RegistryErrorList><rs:RegistryError errorCode=\"XDSUnknownCommunity\" codeContext=\"a\"/>"
                + "<rs:RegistryError errorCode=\"urn:no:own-code\" codeContext=\"b\" location=\"here\""
                + " severity=\"urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning\"/>"
                + "<rs:RegistryError/></rs:RegistryErrorList>";
        assertSameAsIpf(response("urn:ihe:iti:2007:ResponseStatusType:PartialSuccess", errors, entry + other));
        assertSameAsIpf(response("Success", "", entry));
        assertSameAsIpf(response(null, errors, ""));
        // A severity ebRS does not have: IPF refuses the answer.
        assertSameAsIpf(response(SUCCESS, errors.replace("<rs:RegistryError/>", "<rs:RegistryError severity=\"odd\"/>"), ""));
        assertEquals(3, read(response(null, errors, "")).errors().size());
        QueryAnswer read = read(response(SUCCESS, "", entry));
        assertEquals(1, read.result().documents().size());
        assertEquals(List.of("3"), read.result().documents().get(0).extraMetadata().get("urn:no:x"));
        assertEquals("https://a/b/c", read.result().documents().get(0).location().uri());
    }

    @Test
    void foldersAndSubmissionSetsAreThePackagesClassifiedAsThem() throws Exception {
        String folder = "<rim:RegistryPackage id=\"urn:uuid:f1\" status=\"urn:oasis:names:tc:ebxml-regrep:StatusType:Approved\">"
                + slot("lastUpdateTime", "20261201101500") + packageIds("urn:uuid:f1", FOLDER_IDS) + "</rim:RegistryPackage>";
        String inner = "<rim:RegistryPackage id=\"urn:uuid:s2\">"
                + "<rim:Classification classifiedObject=\"urn:uuid:s2\" classificationNode=\"" + SET_NODE + "\" id=\"x\"/>"
                + slot("submissionTime", "2026120110") + packageIds("urn:uuid:s2", SET_IDS)
                + "<rim:ExternalIdentifier identificationScheme=\"urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832\""
                + " value=\"2.16.578.1\" registryObject=\"urn:uuid:s2\" id=\"y\"/></rim:RegistryPackage>";
        String neither = "<rim:RegistryPackage id=\"urn:uuid:n3\">" + packageIds("urn:uuid:n3", SET_IDS) + "</rim:RegistryPackage>";
        String classification = "<rim:Classification classifiedObject=\"urn:uuid:f1\" classificationNode=\""
                + FOLDER_NODE + "\" id=\"z\"/>";
        String association = "<rim:Association id=\"urn:uuid:a1\" associationType=\"urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember\""
                + " sourceObject=\"urn:uuid:s2\" targetObject=\"urn:uuid:f1\" home=\"urn:oid:9\">"
                + slot("SubmissionSetStatus", "Original") + slot("PreviousVersion", "2") + slot("AssociationPropagation", "no")
                + slot("OriginalStatus", "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved") + slot("urn:no:why", "x")
                + "</rim:Association>";
        // The folder's classification after it, as ebRS allows: the package is a folder however they are ordered.
        String xml = response(SUCCESS, "", folder + inner + neither + association + classification);
        assertSameAsIpf(xml);
        QueryAnswer read = read(xml);
        assertEquals(1, read.result().folders().size());
        assertEquals(1, read.result().submissionSets().size());
        assertEquals("2.16.578.1", read.result().submissionSets().get(0).sourceId());
        assertEquals(1, read.result().associations().size());
    }

    @Test
    void anObjectRefAnswerHasNoObjects() throws Exception {
        String xml = response(SUCCESS, "", "<rim:ObjectRef id=\"" + ENTRY + "\" home=\"urn:oid:1\"/>");
        assertSameAsIpf(xml);
        assertTrue(read(xml).result().documents().isEmpty());
    }

    @Test
    void anAnswerThatCannotBeReadIsRefusedAsIpfsPathRefusesIt() throws Exception {
        String patientless = entry(ENTRY, null, "20261101120000", "1");
        String uniqueIdless = entry(ENTRY, PATIENT, "20261101120000", "1").replace(UNIQUE_SCHEME, "urn:uuid:other");
        List<String> unreadable = List.of(
                patientless, uniqueIdless, entry("", PATIENT, "20261101120000", "1"),
                entry(ENTRY, PATIENT, "20261300120000", "1"), entry(ENTRY, PATIENT, "20261101120000", "many"),
                entry(ENTRY, "no-authority", "20261101120000", "1"),
                entry(ENTRY, PATIENT, "20261101120000", "1").replace("<rim:ValueList><rim:Value>1</rim:Value></rim:ValueList>", ""),
                "<rim:Association id=\"urn:uuid:a1\" associationType=\"urn:no:such-type\" sourceObject=\"a\" targetObject=\"b\"/>",
                // An impossible time in a later object than a patientless one: every object is read before any is checked.
                patientless + entry(ENTRY, PATIENT, "20261301", "1"));
        for (String objects : unreadable) {
            String xml = response(SUCCESS, "", objects);
            XdsRefusal expected = assertThrows(XdsRefusal.class, () -> XdsMessages.readAnswer(jaxb(xml)), objects);
            XdsRefusal actual = assertThrows(XdsRefusal.class, () -> read(xml), objects);
            assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, actual.errorCode(), objects);
            assertEquals(expected.errorCode(), actual.errorCode(), objects);
            assertEquals(expected.location(), actual.location(), objects);
            if (!expected.getMessage().startsWith("The answer could not be read")) {
                assertEquals(expected.getMessage(), actual.getMessage(), objects);
            } else {
                assertTrue(actual.getMessage().startsWith("The answer could not be read"), actual.getMessage());
            }
        }
    }

    @Test
    void xmlThatIsNotWellFormedFailsAsXml() {
        String xml = response(SUCCESS, "", entry(ENTRY, PATIENT, "20261101120000", "1")).replace("</rim:ExtrinsicObject>", "");
        assertThrows(jakarta.xml.bind.UnmarshalException.class, () -> jaxb(xml));
        assertThrows(XMLStreamException.class, () -> read(xml));
    }

    @Test
    void theReaderEndsAfterTheAnswerAsJaxbDoes() throws Exception {
        String answer = response(SUCCESS, "", entry(ENTRY, PATIENT, "20261101120000", "1"));
        XMLStreamReader r = STAX.createXMLStreamReader(new StringReader("<body>" + answer.replaceFirst("<\\?xml[^>]*>", "")
                + "<after/></body>"));
        r.nextTag();
        r.nextTag();
        QueryAnswer read = QueryAnswerReader.read(r);
        assertEquals(1, read.result().documents().size());
        assertEquals(XMLStreamConstants.START_ELEMENT, r.getEventType());
        assertEquals("after", r.getLocalName());
    }

    @Test
    void anotherElementIsNotAnAnswer() throws Exception {
        XMLStreamReader r = STAX.createXMLStreamReader(new StringReader("<AdhocQueryResponse/>"));
        r.nextTag();
        XdsRefusal refused = assertThrows(XdsRefusal.class, () -> QueryAnswerReader.read(r));
        assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, refused.errorCode());
    }

    @Test
    void aReadAnswerIsGivenAsReadAndItsRefusalRaised() {
        QueryAnswer answer = AnswerSamples.answers().get(0);
        assertEquals(answer, XdsMessages.readAnswer(ReadQueryResponse.read(answer)));
        assertEquals(answer.result().documents(), XdsMessages.documentsOf(ReadQueryResponse.read(answer)));
        XdsRefusal refusal = new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "no");
        assertInstanceOf(XdsRefusal.class, assertThrows(XdsRefusal.class,
                () -> XdsMessages.readAnswer(ReadQueryResponse.refused(refusal))));
        assertFalse(answer.result().documents().isEmpty());
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Both paths give the same answer, or both refuse it with the same code. */
    private static void assertSameAsIpf(String xml) throws Exception {
        QueryAnswer expected;
        try {
            expected = XdsMessages.readAnswer(jaxb(xml));
        } catch (XdsRefusal e) {
            assertEquals(e.errorCode(), assertThrows(XdsRefusal.class, () -> read(xml), xml).errorCode());
            return;
        }
        assertEquals(expected, read(xml), xml);
    }

    private static QueryAnswer read(String xml) throws XMLStreamException {
        XMLStreamReader r = STAX.createXMLStreamReader(new StringReader(xml));
        r.nextTag();
        return QueryAnswerReader.read(r);
    }

    /** Read as the gateway's clients read it before: JAXB with IPF's listener, which collects the extra metadata. */
    private static AdhocQueryResponse jaxb(String xml) throws Exception {
        Unmarshaller unmarshaller = JAXB.createUnmarshaller();
        unmarshaller.setListener(new XdsJaxbDataBinding.UnmarshallerListener());
        return (AdhocQueryResponse) unmarshaller.unmarshal(new StringReader(xml));
    }

    private static String xml(AdhocQueryResponse response) throws Exception {
        Marshaller marshaller = JAXB.createMarshaller();
        marshaller.setListener(new XdsJaxbDataBinding.MarshallerListener());
        StringWriter out = new StringWriter();
        marshaller.marshal(response, out);
        return out.toString();
    }

    private static String response(String status, String errors, String objects) {
        return "<q:AdhocQueryResponse xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\""
                + " xmlns:rs=\"urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0\""
                + (status == null ? "" : " status=\"" + status + "\"") + ">" + errors
                + "<rim:RegistryObjectList>" + objects + "</rim:RegistryObjectList></q:AdhocQueryResponse>";
    }

    private static String slot(String name, String... values) {
        StringBuilder b = new StringBuilder("<rim:Slot name=\"" + name + "\"><rim:ValueList>");
        for (String v : values) {
            b.append("<rim:Value>").append(v).append("</rim:Value>");
        }
        return b.append("</rim:ValueList></rim:Slot>").toString();
    }

    private static String ids(String patient, String uniqueId) {
        return (patient == null ? "" : "<rim:ExternalIdentifier id=\"e1\" registryObject=\"r\" identificationScheme=\""
                + PATIENT_SCHEME + "\" value=\"" + patient + "\"/>")
                + "<rim:ExternalIdentifier id=\"e2\" registryObject=\"r\" identificationScheme=\"" + UNIQUE_SCHEME
                + "\" value=\"" + uniqueId + "\"/>";
    }

    private static final String[] FOLDER_IDS = {"urn:uuid:f64ffdf0-4b97-4e06-b79f-a52b38ec2f8a",
            "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a"};
    private static final String[] SET_IDS = {"urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446",
            "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8"};

    private static String packageIds(String id, String[] schemes) {
        return "<rim:ExternalIdentifier id=\"p" + id + "\" registryObject=\"" + id + "\" identificationScheme=\""
                + schemes[0] + "\" value=\"" + PATIENT + "\"/><rim:ExternalIdentifier id=\"u" + id
                + "\" registryObject=\"" + id + "\" identificationScheme=\"" + schemes[1] + "\" value=\"2.25." + id.length()
                + "\"/>";
    }

    /** A stable entry with the given id attribute, patient (none when null), creation time and size. */
    private static String entry(String id, String patient, String creationTime, String size) {
        return "<rim:ExtrinsicObject id=\"" + id + "\" mimeType=\"text/plain\" objectType=\"" + STABLE + "\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:StatusType:Approved\">"
                + slot("creationTime", creationTime) + slot("size", size) + ids(patient, "2.25.4711.1")
                + "</rim:ExtrinsicObject>";
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(AdhocQueryResponse.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
