package no.dhoindex.shared.soap;

import java.util.ArrayList;
import java.util.List;
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
import org.w3c.dom.Element;

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
                if (!PlainAddressingValues.hasElementChild(element)) {
                    return null;
                }
                others.add(element);
                continue;
            }
            switch (element.getLocalName()) {
                case Names.WSA_ACTION_NAME -> {
                    if (action != null || (action = PlainAddressingValues.uri(element)) == null) {
                        return null;
                    }
                }
                case Names.WSA_MESSAGEID_NAME -> {
                    if (messageId != null || (messageId = PlainAddressingValues.uri(element)) == null) {
                        return null;
                    }
                }
                case Names.WSA_TO_NAME -> {
                    if (to != null || (to = PlainAddressingValues.uri(element)) == null) {
                        return null;
                    }
                }
                case Names.WSA_REPLYTO_NAME -> {
                    if (replyTo != null || (replyTo = PlainAddressingValues.addressOnly(element)) == null) {
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
}
