package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class Iti57Test {

    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

    @Test
    void aStatusChangeIsOneUpdateAvailabilityStatusFromANewSubmissionSetOfThePatient() throws Exception {
        OrgSettings org = OrgSettings.resolve(new HashMap<>(), "8080");
        String patient = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";
        String xml = Iti57.envelope(org.repository(), org, "urn:uuid:0e5f3a54-6a40-4f7e-9d57-2b7c2e1f0a11", patient,
                "A00-1", "2.16.578.1.12.4.1.1.9602", Iti57.Status.APPROVED, Iti57.Status.DEPRECATED, "20261202120000");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        Element set = (Element) doc.getElementsByTagNameNS(RIM, "RegistryPackage").item(0);
        Element association = (Element) doc.getElementsByTagNameNS(RIM, "Association").item(0);
        assertEquals(1, doc.getElementsByTagNameNS(RIM, "Association").getLength());
        assertEquals("urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus", association.getAttribute("associationType"));
        assertEquals(set.getAttribute("id"), association.getAttribute("sourceObject"));
        assertEquals("urn:uuid:0e5f3a54-6a40-4f7e-9d57-2b7c2e1f0a11", association.getAttribute("targetObject"));
        assertEquals("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved", slot(association, "OriginalStatus"));
        assertEquals("urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated", slot(association, "NewStatus"));
        assertEquals(Iti57.ACTION, doc.getElementsByTagNameNS("http://www.w3.org/2005/08/addressing", "Action")
                .item(0).getTextContent());
        boolean patientOfTheSet = false;
        var ids = set.getElementsByTagNameNS(RIM, "ExternalIdentifier");
        for (int i = 0; i < ids.getLength(); i++) {
            Element id = (Element) ids.item(i);
            patientOfTheSet |= id.getAttribute("identificationScheme").equals("urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446")
                    && id.getAttribute("value").equals(patient);
        }
        assertEquals(true, patientOfTheSet, "the submission set is the document's patient's");
    }

    private static String slot(Element object, String name) {
        var slots = object.getElementsByTagNameNS(RIM, "Slot");
        for (int i = 0; i < slots.getLength(); i++) {
            Element slot = (Element) slots.item(i);
            if (slot.getAttribute("name").equals(name)) {
                return slot.getElementsByTagNameNS(RIM, "Value").item(0).getTextContent();
            }
        }
        return null;
    }
}
