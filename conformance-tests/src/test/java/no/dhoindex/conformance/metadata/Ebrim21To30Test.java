package no.dhoindex.conformance.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import no.dhoindex.conformance.kit.Xml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class Ebrim21To30Test {

    private static final Path KIT = Path.of(System.getProperty("nist.kit", "nist-testkit"));

    private static Document translated(String file) throws Exception {
        Document source = Xml.parse(Files.readString(KIT.resolve("tests").resolve(file)));
        assertTrue(Ebrim21To30.isEbrim21(source));
        return Ebrim21To30.translate(source);
    }

    @Test
    void submissionBecomesAnLcmRequestInRim30() throws Exception {
        Element root = translated("12346/single_doc/single_doc.xml").getDocumentElement();
        assertEquals(Ebrim21To30.LCM30, root.getNamespaceURI());
        assertEquals("SubmitObjectsRequest", root.getLocalName());
        Element list = Xml.child(root, "RegistryObjectList");
        assertEquals(Ebrim21To30.RIM30, list.getNamespaceURI());
        for (Element e : Xml.descendants(root, "Slot")) {
            assertEquals(Ebrim21To30.RIM30, e.getNamespaceURI());
        }
        assertTrue(Xml.children(list, "ObjectRef").isEmpty(), "2.1 scheme ObjectRefs are dropped");
    }

    @Test
    void associationTypesAreQualified() throws Exception {
        Element list = Xml.child(translated("12346/rplc/rplc.xml").getDocumentElement(), "RegistryObjectList");
        Set<String> types = Set.copyOf(Xml.children(list, "Association").stream()
                .map(a -> a.getAttribute("associationType")).toList());
        assertTrue(types.contains("urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"), types::toString);
        assertTrue(types.contains("urn:ihe:iti:2007:AssociationType:RPLC"), types::toString);
        Xml.children(list, "Association").forEach(a -> assertFalse(a.getAttribute("id").isBlank()));
    }

    @Test
    void objectsGetThe30ChildOrderAndBackReferences() throws Exception {
        Element list = Xml.child(translated("12346/single_doc/single_doc.xml").getDocumentElement(), "RegistryObjectList");
        Element document = Xml.children(list, "ExtrinsicObject").get(0);
        List<String> order = Xml.children(document).stream().map(Element::getLocalName).distinct().toList();
        assertEquals(List.of("Slot", "Name", "Description", "Classification", "ExternalIdentifier"), order);
        for (Element identifier : Xml.children(document, "ExternalIdentifier")) {
            assertEquals(document.getAttribute("id"), identifier.getAttribute("registryObject"));
            assertFalse(identifier.getAttribute("id").isBlank());
        }
        for (Element classification : Xml.children(document, "Classification")) {
            assertEquals(document.getAttribute("id"), classification.getAttribute("classifiedObject"));
        }
    }
}
