package no.dhoindex.conformance.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.dhoindex.conformance.kit.Xml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Translates the kit's ebRIM 2.1 submissions into the ebRIM 3.0 that XDS.b speaks, as the NIST
 * toolkit does before sending: namespaces, {@code LeafRegistryObjectList → RegistryObjectList},
 * the 3.0 child order (Slot, Name, Description, Classification, ExternalIdentifier), qualified
 * association types, and the ids and back references 3.0 makes mandatory.
 */
public final class Ebrim21To30 {

    public static final String RIM21 = "urn:oasis:names:tc:ebxml-regrep:rim:xsd:2.1";
    public static final String RS21 = "urn:oasis:names:tc:ebxml-regrep:registry:xsd:2.1";
    public static final String RIM30 = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    public static final String LCM30 = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";

    private static final Map<String, String> ASSOCIATION_TYPES = Map.of(
            "HasMember", "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember",
            "RPLC", "urn:ihe:iti:2007:AssociationType:RPLC",
            "APND", "urn:ihe:iti:2007:AssociationType:APND",
            "XFRM", "urn:ihe:iti:2007:AssociationType:XFRM",
            "XFRM_RPLC", "urn:ihe:iti:2007:AssociationType:XFRM_RPLC",
            "signs", "urn:ihe:iti:2007:AssociationType:signs");

    /** 3.0 order of a RegistryObject's children; anything else keeps its place after these. */
    private static final List<String> CHILD_ORDER = List.of("Slot", "Name", "Description", "VersionInfo",
            "Classification", "ExternalIdentifier");

    private Ebrim21To30() {
    }

    public static boolean isEbrim21(Document document) {
        String ns = document.getDocumentElement().getNamespaceURI();
        return RS21.equals(ns) || RIM21.equals(ns);
    }

    public static Document translate(Document source) {
        Element root = source.getDocumentElement();
        if (!"SubmitObjectsRequest".equals(root.getLocalName())) {
            throw new IllegalArgumentException("Expected an ebRS 2.1 SubmitObjectsRequest, found " + root.getLocalName());
        }
        Document target = Xml.empty();
        Element request = target.createElementNS(LCM30, "lcm:SubmitObjectsRequest");
        request.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:rim", RIM30);
        target.appendChild(request);
        Element list = target.createElementNS(RIM30, "rim:RegistryObjectList");
        request.appendChild(list);
        for (Element objects : Xml.children(root, "LeafRegistryObjectList")) {
            for (Element object : Xml.children(objects)) {
                // 2.1 lists the classification schemes it uses as ObjectRefs; 3.0 registries know them.
                if (!"ObjectRef".equals(object.getLocalName())) {
                    list.appendChild(copy(object, target, null));
                }
            }
        }
        return target;
    }

    private static Element copy(Element source, Document target, String parentId) {
        String name = source.getLocalName();
        Element copy = target.createElementNS(RIM30, "rim:" + name);
        NamedNodeMap attributes = source.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (a.getNamespaceURI() == null) {
                copy.setAttribute(a.getName(), a.getValue());
            }
        }
        switch (name) {
            case "Association" -> {
                String type = copy.getAttribute("associationType");
                copy.setAttribute("associationType", ASSOCIATION_TYPES.getOrDefault(type, type));
                ensureId(copy);
            }
            case "Classification" -> {
                ensureId(copy);
                if (!copy.hasAttribute("classifiedObject") && parentId != null) {
                    copy.setAttribute("classifiedObject", parentId);
                }
            }
            case "ExternalIdentifier" -> {
                ensureId(copy);
                if (!copy.hasAttribute("registryObject") && parentId != null) {
                    copy.setAttribute("registryObject", parentId);
                }
            }
            default -> {
            }
        }
        String ownId = copy.hasAttribute("id") ? copy.getAttribute("id") : parentId;
        List<Element> children = new ArrayList<>(Xml.children(source));
        children.sort((a, b) -> Integer.compare(rank(a.getLocalName()), rank(b.getLocalName())));
        boolean hasElements = !children.isEmpty();
        for (Element child : children) {
            copy.appendChild(copy(child, target, ownId));
        }
        if (!hasElements) {
            for (Node n = source.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                    copy.appendChild(target.createTextNode(n.getNodeValue()));
                }
            }
        }
        return copy;
    }

    private static int rank(String localName) {
        int i = CHILD_ORDER.indexOf(localName);
        return i < 0 ? CHILD_ORDER.size() : i;
    }

    private static void ensureId(Element e) {
        if (!e.hasAttribute("id") || e.getAttribute("id").isBlank()) {
            e.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
        }
    }
}
