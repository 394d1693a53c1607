package no.dhoindex.shared.xds.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.shared.xds.error.XdsRefusal;
import org.apache.cxf.staxutils.StaxUtils;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.XCA;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.validate.ValidationProfile;

/**
 * The stored query read from the stream ({@link AdhocQueryRequestReader}, then {@link XdsMessages#readQuery} with
 * {@link StoredQueryReader} first) against IPF's path as the oracle (JAXB, IPF's validator and transformer,
 * {@link StoredQueryMapper}): over every AdhocQueryRequest of the NIST kit, as ITI-18 and as ITI-38, and over
 * variations of a FindDocuments and a GetDocuments, well-formed, malformed and hostile; the same query, or the same
 * refusal (XDS error code and text).
 */
class StoredQueryReaderTest {

    private static final Path KIT = Path.of("..", "conformance-tests", "nist-testkit");
    private static final JAXBContext JAXB;

    static {
        try {
            JAXB = JAXBContext.newInstance(AdhocQueryRequest.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String FIND = "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
            + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">"
            + "<query:ResponseOption returnComposedObjects=\"true\" returnType=\"%s\"/>"
            + "<rim:AdhocQuery id=\"%s\"%s>%s</rim:AdhocQuery></query:AdhocQueryRequest>";
    private static final String PATIENT = "'15077510041^^^&2.16.578.1.12.4.1.4.1&ISO'";
    private static final String APPROVED = "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')";

    private int readDirectly;

    private static String slot(String name, String... values) {
        StringBuilder b = new StringBuilder("<rim:Slot name=\"").append(name).append("\"><rim:ValueList>");
        for (String v : values) {
            b.append("<rim:Value>").append(v.replace("&", "&amp;").replace("<", "&lt;")).append("</rim:Value>");
        }
        return b.append("</rim:ValueList></rim:Slot>").toString();
    }

    private static String request(String returnType, String id, String home, String... slots) {
        return FIND.formatted(returnType, id, home == null ? "" : " home=\"" + home + "\"", String.join("", slots));
    }

    private static String findDocuments(String... slots) {
        return request("LeafClass", StoredQueryReader.FIND_DOCUMENTS, null, slots);
    }

    /** Each AdhocQueryRequest element of the text, as its own XML text. */
    private static List<String> requests(String xml) throws XMLStreamException {
        List<String> found = new ArrayList<>();
        XMLStreamReader r = StaxUtils.createXMLStreamReader(new StringReader(xml));
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && AdhocQueryRequestReader.at(r)) {
                var out = new java.io.StringWriter();
                var w = StaxUtils.createXMLStreamWriter(out);
                StaxUtils.copy(r, w);
                w.flush();
                found.add(out.toString());
            }
        }
        return found;
    }

    private static XMLStreamReader at(String xml) throws XMLStreamException {
        XMLStreamReader r = StaxUtils.createXMLStreamReader(new StringReader(xml));
        while (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
            r.next();
        }
        return r;
    }

    private static AdhocQueryRequest byJaxb(String xml) throws Exception {
        return JAXB.createUnmarshaller().unmarshal(at(xml), AdhocQueryRequest.class).getValue();
    }

    /** What a reading gave: the query, or the refusal's code and text. */
    private static Object outcome(java.util.function.Supplier<StoredQueryRequest> read) {
        try {
            return read.get();
        } catch (XdsRefusal refusal) {
            return refusal.errorCode() + ": " + refusal.getMessage();
        }
    }

    /** Requires the stream reading to agree with IPF's for this request and profile. */
    private void agrees(String xml, ValidationProfile profile) throws Exception {
        AdhocQueryRequest unmarshalled = byJaxb(xml);
        Object oracle = outcome(() -> XdsMessages.readQueryByIpf(unmarshalled, profile));
        AdhocQueryRequest streamed = AdhocQueryRequestReader.read(at(xml));
        Object viaIpf = outcome(() -> XdsMessages.readQueryByIpf(streamed, profile));
        assertEquals(oracle, viaIpf, () -> "the stream reader's request, read by IPF, differs: " + xml);
        if (StoredQueryReader.read(streamed, profile).isPresent()) {
            readDirectly++;
        }
        assertEquals(oracle, outcome(() -> XdsMessages.readQuery(streamed, profile)),
                () -> "the direct reading differs from IPF's (" + profile + "): " + xml);
    }

    /** The kit's placeholders ($patient_id$, $uuid$, $uid$, $home$ …) given values of their kind. */
    private static String filled(String xml) {
        return xml.replaceAll("\\$[A-Za-z_0-9]*[Pp]atient[A-Za-z_0-9]*\\$", "15077510041^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO")
                .replaceAll("\\$home\\$", "urn:oid:2.16.578.1.12.4.1.7.1.2")
                .replaceAll("\\$[A-Za-z_0-9]*(?:[Uu]uid|lid)[A-Za-z_0-9]*\\$", "urn:uuid:8c3e3e6b-0e4c-4a8f-9d3e-2f3f0f1e2d3c")
                .replaceAll("\\$[A-Za-z_0-9]*(?:uid|Uid|uniqueid|UniqueId)[A-Za-z_0-9]*\\$", "1.2.3.4.5")
                .replaceAll("\\$[A-Za-z_0-9]+\\$", "urn:uuid:1b2f3e4d-5c6b-4a7f-8e9d-0c1b2a3f4e5d");
    }

    @Test
    void everyKitQueryIsReadAsIpfReadsIt() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(KIT)) {
            files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int queries = 0;
        for (Path file : files) {
            String xml;
            try {
                xml = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue; // not UTF-8 text: no query in it
            }
            if (!xml.contains("AdhocQueryRequest")) {
                continue;
            }
            List<String> found;
            try {
                found = requests(xml);
            } catch (XMLStreamException e) {
                continue; // a kit template that is not XML as it stands
            }
            for (String request : found) {
                // as the kit has them (placeholders: mostly refusals) and with the placeholders filled in
                for (String xmlQuery : List.of(request, filled(request))) {
                    agrees(xmlQuery, XDS.Interactions.ITI_18);
                    agrees(xmlQuery, XCA.Interactions.ITI_38);
                }
                queries++;
            }
        }
        System.out.println("StoredQueryReaderTest: " + queries + " kit queries, each as ITI-18 and ITI-38, as they are and"
                + " filled in; read directly: " + readDirectly + " of " + 4 * queries);
        assertTrue(queries > 250, "kit queries read: " + queries);
        assertTrue(readDirectly > 50, "kit queries read directly: " + readDirectly);
    }

    @Test
    void findDocumentsVariationsAreReadAsIpfReadsThem() throws Exception {
        String status = slot("$XDSDocumentEntryStatus", APPROVED);
        String patient = slot("$XDSDocumentEntryPatientId", PATIENT);
        List<String> variations = List.of(
                findDocuments(patient, status),
                findDocuments(status, patient),
                findDocuments(patient, slot("$XDSDocumentEntryStatus",
                        "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')")),
                findDocuments(patient, slot("$XDSDocumentEntryStatus", APPROVED,
                        "('urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')")),
                findDocuments(patient, slot("$XDSDocumentEntryStatus", "('urn:oasis:names:tc:ebxml-regrep:StatusType:Submitted')")),
                findDocuments(patient, slot("$XDSDocumentEntryStatus", "('Approved')")),
                findDocuments(patient, slot("$XDSDocumentEntryStatus", "'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'")),
                findDocuments(patient, slot("$XDSDocumentEntryStatus", "()")),
                findDocuments(patient),
                findDocuments(status),
                findDocuments(patient, patient, status),
                findDocuments(patient, status, status),
                findDocuments(slot("$XDSDocumentEntryPatientId", PATIENT, PATIENT), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'15077510041'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'15077510041^^^&2.16.578.1.12.4.1.4.1'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'15077510041^^^&2.16.578.1.12.4.1.4.1&L'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'15077510041^^^&not-an-oid&ISO'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'^^^&2.16.578.1.12.4.1.4.1&ISO'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "''"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'15077510041^^^NO&2.16.578.1.12.4.1.4.1&ISO'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'150775''10041^^^&2.16.578.1.12.4.1.4.1&ISO'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'" + "1".repeat(300) + "^^^&2.16.578.1.12.4.1.4.1&ISO'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'1^^^&2." + "1.".repeat(40) + "1&ISO'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId", "'" + "x".repeat(100_000) + "'"), status),
                findDocuments(slot("$XDSDocumentEntryPatientId"), status),
                findDocuments(patient, status, slot("$XDSDocumentEntryType", "('urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryType",
                        "('urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248','urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryType", "('urn:uuid:00000000-0000-0000-0000-000000000000')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "('A00-1^^2.16.578.1.12.4.1.1.9602')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode",
                        "('A00-1^^2.16.578.1.12.4.1.1.9602','8716-3^^2.16.840.1.113883.6.1')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "('A00-1^^2.16.578.1.12.4.1.1.9602')",
                        "('8716-3^^2.16.840.1.113883.6.1')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "('A00-1^Epikrise^2.16.578.1.12.4.1.1.9602')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "('A00-1^^^&2.16.578.1.12.4.1.1.9602&ISO')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "('A00-1')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "A00-1^^2.16.578.1.12.4.1.1.9602")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "('A00-1^^1.2'")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "('A00-1^^1.2')"),
                        slot("$XDSDocumentEntryClassCode", "('A00-2^^1.2')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryTypeCode", "('t^^s')"),
                        slot("$XDSDocumentEntryPracticeSettingCode", "('p^^s')"),
                        slot("$XDSDocumentEntryHealthcareFacilityTypeCode", "('h^^s')"),
                        slot("$XDSDocumentEntryFormatCode", "('urn:ihe:iti:xds:2017:mimeTypeSufficient^^1.3.6.1.4.1.19376.1.2.3')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryEventCodeList", "('e1^^s','e2^^s')"),
                        slot("$XDSDocumentEntryEventCodeList", "('e3^^s')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryConfidentialityCode", "('N^^2.16.840.1.113883.5.25')"),
                        slot("$XDSDocumentEntryConfidentialityCode", "('NORN_FFP^^2.16.578.1.12.4.1.1.9603')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryEventCodeList", "('e1^^s')"),
                        slot("$XDSDocumentEntryEventCodeListScheme", "('s')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "20040101"),
                        slot("$XDSDocumentEntryCreationTimeTo", "20261231235959")),
                findDocuments(patient, status, slot("$XDSDocumentEntryServiceStartTimeFrom", "2004"),
                        slot("$XDSDocumentEntryServiceStartTimeTo", "200401"),
                        slot("$XDSDocumentEntryServiceStopTimeFrom", "2004010112"),
                        slot("$XDSDocumentEntryServiceStopTimeTo", "200401011230")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "'20040101'")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "20041399")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "20040230")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "2004010")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "20040101+0100")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "yesterday")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "20040101", "20050101")),
                findDocuments(patient, status, slot("$XDSDocumentEntryCreationTimeFrom", "20040101"),
                        slot("$XDSDocumentEntryCreationTimeFrom", "20050101")),
                findDocuments(patient, status, slot("$XDSDocumentEntryAuthorPerson", "('%Lege%')")),
                findDocuments(patient, status, slot("$MetadataLevel", "2")),
                findDocuments(patient, status, slot("$XDSDocumentEntryUnknown", "('x')")),
                findDocuments(patient, status, slot("XDSDocumentEntryClassCode", "('a^^b')")),
                findDocuments(patient, status, slot("$", "('a^^b')")),
                findDocuments(patient, status, slot("$XDSDocumentEntryClassCode", "('" + "a".repeat(300) + "^^b')")),
                findDocuments(patient, status, "<rim:Slot name=\"$XDSDocumentEntryClassCode\"/>"),
                findDocuments(patient, status, "<rim:Slot><rim:ValueList><rim:Value>('a^^b')</rim:Value></rim:ValueList></rim:Slot>"),
                findDocuments(patient, status, "<rim:Slot name=\"$XDSDocumentEntryClassCode\"><rim:ValueList><rim:Value/></rim:ValueList></rim:Slot>"),
                request("ObjectRef", StoredQueryReader.FIND_DOCUMENTS, null, patient, status),
                request("RegistryObject", StoredQueryReader.FIND_DOCUMENTS, null, patient, status),
                request("LeafClassWithRepositoryItem", StoredQueryReader.FIND_DOCUMENTS, null, patient, status),
                request("LeafClass", "urn:uuid:00000000-0000-0000-0000-000000000000", null, patient, status),
                request("LeafClass", StoredQueryReader.FIND_DOCUMENTS, "urn:oid:1.2.3", patient, status),
                // text, comments and foreign elements where the schema has none
                findDocuments(patient, "text<!-- a comment --><foreign xmlns=\"urn:x\"><rim:Slot name=\"$x\"/></foreign>", status));
        for (String xml : variations) {
            agrees(xml, XDS.Interactions.ITI_18);
            agrees(xml, XCA.Interactions.ITI_38);
        }
        assertTrue(readDirectly >= 20, "variations read directly: " + readDirectly);
    }

    @Test
    void getDocumentsVariationsAreReadAsIpfReadsThem() throws Exception {
        String get = StoredQueryReader.GET_DOCUMENTS;
        List<String> variations = List.of(
                request("LeafClass", get, null, slot("$XDSDocumentEntryUniqueId", "('1.2.3.4')")),
                request("LeafClass", get, null, slot("$XDSDocumentEntryUniqueId", "('1.2.3.4','1.2.3.5')", "('1.2.3.6')")),
                request("ObjectRef", get, null, slot("$XDSDocumentEntryEntryUUID",
                        "('urn:uuid:4a5b0a6c-4b1f-4c4a-8d3c-0d5f0e1f2a3b')")),
                request("LeafClass", get, null, slot("$XDSDocumentEntryEntryUUID", "('urn:uuid:a')"),
                        slot("$XDSDocumentEntryUniqueId", "('1.2')")),
                request("LeafClass", get, null),
                request("LeafClass", get, null, slot("$XDSDocumentEntryUniqueId", "'1.2.3.4'")),
                request("LeafClass", get, null, slot("$XDSDocumentEntryUniqueId", "('1.2.3.4')"),
                        slot("$XDSDocumentEntryUniqueId", "('1.2.3.5')")),
                request("LeafClass", get, null, slot("$XDSDocumentEntryLogicalID", "('urn:uuid:a')")),
                request("LeafClass", get, "urn:oid:1.2.3", slot("$XDSDocumentEntryUniqueId", "('1.2.3.4')")),
                request("LeafClass", get, "not a home", slot("$XDSDocumentEntryUniqueId", "('1.2.3.4')")),
                request("LeafClass", get, null, slot("$XDSDocumentEntryUniqueId", "('" + "9".repeat(255) + "')")));
        for (String xml : variations) {
            agrees(xml, XDS.Interactions.ITI_18);
            agrees(xml, XCA.Interactions.ITI_38);
        }
        assertTrue(readDirectly >= 3, "variations read directly: " + readDirectly);
    }

    @Test
    void noEntityIsExpanded() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + findDocuments(slot("$XDSDocumentEntryPatientId", "&x;")).replace("&amp;x;", "&x;");
        // CXF's StAX factory (the one the SOAP endpoints read with) resolves no external entity: refused, or left out
        try {
            AdhocQueryRequest read = AdhocQueryRequestReader.read(at(xxe));
            String value = read.getAdhocQuery().getSlot().get(0).getValueList().getValue().get(0);
            assertFalse(value.contains("root:"), value);
        } catch (XMLStreamException refused) {
            assertFalse(String.valueOf(refused.getMessage()).contains("root:"));
        }
    }

    @Test
    void aTruncatedRequestIsAStreamError() {
        String xml = findDocuments(slot("$XDSDocumentEntryPatientId", PATIENT));
        assertThrows(XMLStreamException.class,
                () -> AdhocQueryRequestReader.read(at(xml.substring(0, xml.length() - 40))));
    }

    @Test
    void theReaderStopsAfterTheRequest() throws Exception {
        XMLStreamReader r = at("<Body xmlns=\"urn:b\">" + findDocuments() + "<after/></Body>");
        r.nextTag();
        AdhocQueryRequestReader.read(r);
        assertEquals(XMLStreamConstants.START_ELEMENT, r.getEventType());
        assertEquals("after", r.getLocalName());
        assertFalse(AdhocQueryRequestReader.at(r));
    }
}
