package no.dhoindex.shared.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.SoapActionInInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.MessageUtils;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceType;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.addressing.Names;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads a request's WS-Addressing headers straight from the DOM CXF has already built of them. CXF's own decoder
 * ({@link MAPCodec}) creates a JAXB unmarshaller for every message and unmarshals each header through it: about 9 % of
 * a FindDocuments' request-thread CPU in the registry (JFR, 2026-12-03). When the headers are the plain ones an IHE
 * request carries (2005/08 Action, MessageID, To, at most a ReplyTo holding only its Address, each once), this builds
 * the same addressing properties and stores them, and MAPCodec, finding them stored, skips its decode. Anything else
 * (RelatesTo, From, FaultTo, a richer ReplyTo, another WS-Addressing version, a header twice, text with surrounding
 * white space) is left to MAPCodec as before, so the result never differs from CXF's ({@code PlainAddressingInTest}
 * compares the two); the cardinality faults stay {@link AddressingHeaders}'.
 */
public final class PlainAddressingIn extends AbstractSoapInterceptor {

    public PlainAddressingIn() {
        super(Phase.PRE_PROTOCOL);
        addBefore(MAPCodec.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (MessageUtils.isRequestor(message) || MessageUtils.isOutbound(message)
                || ContextUtils.retrieveMAPs(message, false, false, false) != null) {
            return;
        }
        AddressingProperties maps = read(message.getHeaders());
        if (maps == null) {
            return;
        }
        ContextUtils.storeMAPs(maps, message, false);
        // What MAPCodec does after its decode on the server side (markPartialResponse and restoreExchange act only
        // for a requestor or on a RelatesTo, which is never read here): find the operation by its Action.
        if (message.getExchange().getBindingOperationInfo() == null && maps.getAction() != null) {
            SoapActionInInterceptor.getAndSetOperation(message, maps.getAction().getValue(),
                    MessageUtils.getContextualBoolean(message, "ws-addressing.strict.action.checking", false));
        }
    }

    /**
     * The addressing properties CXF's {@link MAPCodec#unmarshalMAPs} would decode from {@code headers}, or null when
     * they are not the plain kind read here (or carry no 2005/08 header at all).
     */
    static AddressingProperties read(List<Header> headers) {
        AttributedURIType action = null;
        AttributedURIType messageId = null;
        AttributedURIType to = null;
        EndpointReferenceType replyTo = null;
        List<Element> others = new ArrayList<>();
        for (Header header : headers) {
            if (!(header.getObject() instanceof Element)) {
                continue;
            }
            Element element = (Element) header.getObject();
            String namespace = element.getNamespaceURI();
            if (namespace == null || namespace.contains(Names.WSA_NAMESPACE_PATTERN)
                    && !Names.WSA_NAMESPACE_NAME.equals(namespace)) {
                return null;
            }
            if (!Names.WSA_NAMESPACE_NAME.equals(namespace)) {
                // MAPCodec takes every other header for a reference parameter of the To endpoint (its attribute test
                // is always true); those with element children are added as they are, the rest it unmarshals.
                if (!hasElementChild(element)) {
                    return null;
                }
                others.add(element);
                continue;
            }
            switch (element.getLocalName()) {
                case Names.WSA_ACTION_NAME -> {
                    if (action != null || (action = uri(element)) == null) {
                        return null;
                    }
                }
                case Names.WSA_MESSAGEID_NAME -> {
                    if (messageId != null || (messageId = uri(element)) == null) {
                        return null;
                    }
                }
                case Names.WSA_TO_NAME -> {
                    if (to != null || (to = uri(element)) == null) {
                        return null;
                    }
                }
                case Names.WSA_REPLYTO_NAME -> {
                    if (replyTo != null || (replyTo = addressOnly(element)) == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (action == null && messageId == null && to == null && replyTo == null) {
            return null;
        }
        AddressingProperties maps = new AddressingProperties();
        maps.exposeAs(Names.WSA_NAMESPACE_NAME);
        maps.setAction(action);
        maps.setMessageID(messageId);
        if (to != null) {
            maps.setTo(EndpointReferenceUtils.getEndpointReference(to));
        }
        if (replyTo == null) {
            // As MAPCodec: unspecified, the reply goes back on the connection (anonymous).
            replyTo = ContextUtils.WSA_OBJECT_FACTORY.createEndpointReferenceType();
            replyTo.setAddress(ContextUtils.getAttributedURI(Names.WSA_ANONYMOUS_ADDRESS));
        }
        maps.setReplyTo(replyTo);
        EndpointReferenceType toEndpoint = maps.getToEndpointReference();
        if (toEndpoint != null) {
            for (Element other : others) {
                ContextUtils.applyReferenceParam(toEndpoint, other);
            }
        }
        return maps;
    }

    /** A text-only element as JAXB reads an AttributedURIType, or null when it is anything else. */
    private static AttributedURIType uri(Element element) {
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

    /** A ReplyTo holding nothing but its wsa:Address, or null. */
    private static EndpointReferenceType addressOnly(Element replyTo) {
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

    private static boolean hasElementChild(Element element) {
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
