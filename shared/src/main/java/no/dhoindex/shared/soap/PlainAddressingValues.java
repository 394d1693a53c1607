package no.dhoindex.shared.soap;

import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceType;
import org.apache.cxf.ws.addressing.Names;
import org.apache.cxf.ws.addressing.RelatesToType;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The plain WS-Addressing 2005/08 header values read from their DOM elements as JAXB reads them, or null wherever the
 * element is not of the plain kind (text with surrounding white space, child elements in a URI, an endpoint reference
 * holding more than its Address, ...), so that the caller leaves it to JAXB and never reads it differently.
 */
final class PlainAddressingValues {

    private static final String RELATIONSHIP_TYPE = "RelationshipType";

    private PlainAddressingValues() {
    }

    /** {@code element} read as CXF's JAXB type {@code type}, or null when it is not plain or not a type read here. */
    static Object read(Class<?> type, Element element) {
        if (type == AttributedURIType.class) {
            return uri(element);
        }
        if (type == RelatesToType.class) {
            return relatesTo(element);
        }
        if (type == EndpointReferenceType.class) {
            return addressOnly(element);
        }
        return null;
    }

    /** A RelatesTo: its text, the RelationshipType attribute (unqualified) when given, the rest as other attributes. */
    static RelatesToType relatesTo(Element element) {
        AttributedURIType uri = uri(element);
        if (uri == null) {
            return null;
        }
        RelatesToType relatesTo = new RelatesToType();
        relatesTo.setValue(uri.getValue());
        for (Map.Entry<QName, String> attribute : uri.getOtherAttributes().entrySet()) {
            if (attribute.getKey().getNamespaceURI().isEmpty()
                    && RELATIONSHIP_TYPE.equals(attribute.getKey().getLocalPart())) {
                String value = attribute.getValue();
                if (value.isEmpty() || !value.equals(value.strip())) {
                    return null; // as anyURI JAXB would trim it: leave that to JAXB
                }
                relatesTo.setRelationshipType(value);
            } else {
                relatesTo.getOtherAttributes().put(attribute.getKey(), attribute.getValue());
            }
        }
        return relatesTo;
    }

    /** A text-only element as JAXB reads an AttributedURIType, or null when it is anything else. */
    static AttributedURIType uri(Element element) {
        String text = textOnly(element);
        if (text == null) {
            return null;
        }
        AttributedURIType uri = new AttributedURIType();
        uri.setValue(text);
        if (!copyAttributes(element, uri.getOtherAttributes())) {
            return null;
        }
        return uri;
    }

    /** An endpoint reference (ReplyTo, From, FaultTo) holding nothing but its wsa:Address, or null. */
    static EndpointReferenceType addressOnly(Element replyTo) {
        if (hasAttributes(replyTo)) {
            return null;
        }
        Element address = null;
        for (Node child = replyTo.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                if (address != null || !Names.WSA_NAMESPACE_NAME.equals(child.getNamespaceURI())
                        || !Names.WSA_ADDRESS_NAME.equals(child.getLocalName())) {
                    return null;
                }
                address = (Element) child;
            } else if (!blank(child)) {
                return null;
            }
        }
        AttributedURIType uri = address == null ? null : uri(address);
        if (uri == null) {
            return null;
        }
        EndpointReferenceType endpoint = ContextUtils.WSA_OBJECT_FACTORY.createEndpointReferenceType();
        endpoint.setAddress(uri);
        return endpoint;
    }

    /** The element's text when it holds only text without surrounding white space (what JAXB keeps as it is). */
    private static String textOnly(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            short type = child.getNodeType();
            if (type != Node.TEXT_NODE && type != Node.CDATA_SECTION_NODE) {
                return null;
            }
            text.append(child.getNodeValue());
        }
        String value = text.toString();
        return value.isEmpty() || !value.equals(value.strip()) ? null : value;
    }

    /** Copies the attributes JAXB would keep in "other attributes" (all but namespace declarations). */
    private static boolean copyAttributes(Element element, Map<QName, String> into) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (declaresNamespace(attribute)) {
                continue;
            }
            if (attribute.getLocalName() == null) {
                return false; // a DOM level 1 attribute: leave it to JAXB
            }
            String namespace = attribute.getNamespaceURI();
            into.put(new QName(namespace == null ? "" : namespace, attribute.getLocalName()), attribute.getValue());
        }
        return true;
    }

    private static boolean hasAttributes(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            if (!declaresNamespace((Attr) attributes.item(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresNamespace(Attr attribute) {
        return "http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI());
    }

    static boolean hasElementChild(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(Node node) {
        return node.getNodeType() == Node.TEXT_NODE && node.getNodeValue().isBlank();
    }
}
