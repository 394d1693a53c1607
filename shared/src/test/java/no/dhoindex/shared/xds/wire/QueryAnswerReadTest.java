package no.dhoindex.shared.xds.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import java.io.StringReader;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.QueryAnswer;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/** A source's ITI-18/38 answer read into the domain; one that cannot be is refused with an XDS error, never an NPE. */
class QueryAnswerReadTest {

    private static final String PATIENT = "15077510041^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO";
    private static final String ENTRY_UUID = "urn:uuid:2b0d5c5e-6a8a-4a8b-9a43-1d2e3f4a5b6c";

    private static AdhocQueryResponse response(String entry) throws Exception {
        String xml = "<q:AdhocQueryResponse xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\""
                + " xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\"><rim:RegistryObjectList>"
                + entry + "</rim:RegistryObjectList></q:AdhocQueryResponse>";
        return (AdhocQueryResponse) JAXBContext.newInstance(AdhocQueryResponse.class).createUnmarshaller()
                .unmarshal(new StringReader(xml));
    }

    /** A stable DocumentEntry with a uniqueId, the given id attribute and, when not null, the patient. */
    private static String entry(String id, String patient) {
        return "<rim:ExtrinsicObject id=\"" + id + "\" mimeType=\"text/plain\""
                + " objectType=\"urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1\""
                + " status=\"urn:oasis:names:tc:ebxml-regrep:StatusType:Approved\">"
                + "<rim:Slot name=\"creationTime\"><rim:ValueList><rim:Value>20261101120000</rim:Value></rim:ValueList></rim:Slot>"
                + (patient == null ? "" : "<rim:ExternalIdentifier id=\"urn:uuid:0c8e6d5c-1f5a-4b0e-9a0e-6f2d1c3b4a51\""
                + " registryObject=\"" + id + "\" identificationScheme=\"urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427\""
                + " value=\"" + patient + "\"/>")
                + "<rim:ExternalIdentifier id=\"urn:uuid:7d1e0b3c-2a4f-4c5d-8e6f-9a0b1c2d3e4f\" registryObject=\"" + id
                + "\" identificationScheme=\"urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab\" value=\"2.25.4711.1\"/>"
                + "</rim:ExtrinsicObject>";
    }

    @Test
    void anEntryWithItsPatientIsRead() throws Exception {
        QueryAnswer answer = XdsMessages.readAnswer(response(entry(ENTRY_UUID, PATIENT)));

        assertEquals(QueryAnswer.Status.SUCCESS, answer.status());
        assertEquals(PatientId.nationalId("15077510041"), answer.result().documents().get(0).patientId());
        assertEquals("2.25.4711.1", answer.result().documents().get(0).uniqueId());
    }

    @Test
    void anEntryWithoutAPatientIsAMetadataErrorNamingIt() throws Exception {
        XdsRefusal refused = assertThrows(XdsRefusal.class, () -> XdsMessages.readAnswer(response(entry(ENTRY_UUID, null))));

        assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, refused.errorCode());
        assertTrue(refused.getMessage().contains("patientId") && refused.getMessage().contains(ENTRY_UUID),
                refused.getMessage());
    }

    @Test
    void anEntryWithoutAnEntryUuidIsAMetadataErrorNamingIt() throws Exception {
        XdsRefusal refused = assertThrows(XdsRefusal.class, () -> XdsMessages.readAnswer(response(entry("", PATIENT))));

        assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, refused.errorCode());
        assertTrue(refused.getMessage().contains("entryUUID"), refused.getMessage());
    }
}
