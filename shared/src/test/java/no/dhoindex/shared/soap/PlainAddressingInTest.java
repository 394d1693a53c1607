package no.dhoindex.shared.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceType;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** The plain WS-Addressing reader gives exactly what CXF's own decoder gives, or leaves the message to it. */
class PlainAddressingInTest {

    private static final String ENVELOPE = "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'"
            + " xmlns:a='http://www.w3.org/2005/08/addressing'><s:Header>%s</s:Header><s:Body/></s:Envelope>";
    private static final String ACTION = "<a:Action s:mustUnderstand='1'>urn:ihe:iti:2007:RegistryStoredQuery</a:Action>";
    private static final String MESSAGE_ID = "<a:MessageID>urn:uuid:7b1d4a0e-3c1f-4e0a-9d57-0b8f3e6a2c11</a:MessageID>";
    private static final String TO = "<a:To s:mustUnderstand='true'>https://registry.example/services/registry</a:To>";
    private static final String REPLY_TO = "<a:ReplyTo>\n  <a:Address>http://www.w3.org/2005/08/addressing/anonymous"
            + "</a:Address>\n</a:ReplyTo>";
    private static final String SECURITY = "<wsse:Security xmlns:wsse='http://docs.oasis-open.org/wss/2004/01/"
            + "oasis-200401-wss-wssecurity-secext-1.0.xsd'><saml2:Assertion xmlns:saml2='urn:oasis:names:tc:SAML:2.0:"
            + "assertion' ID='_a'/></wsse:Security>";

    @Test
    void plainRequestsReadTheSameAsCxf() throws Exception {
        for (String headers : List.of(
                ACTION + MESSAGE_ID + TO,
                ACTION + MESSAGE_ID + TO + REPLY_TO,
                REPLY_TO + TO + MESSAGE_ID + ACTION,
                ACTION + MESSAGE_ID + TO + SECURITY,
                "<a:Action xmlns:x='urn:x' x:note='kept' Id='plain'>urn:a</a:Action>" + TO,
                "<a:Action><![CDATA[urn:a]]></a:Action>" + MESSAGE_ID,
                MESSAGE_ID)) {
            AddressingProperties cxf = new MAPCodec().unmarshalMAPs(message(headers));
            AddressingProperties plain = PlainAddressingIn.read(message(headers).getHeaders());
            assertNotNull(plain, headers);
            assertSameProperties(cxf, plain, headers);
        }
    }

    @Test
    void anythingElseIsLeftToCxf() throws Exception {
        for (String headers : List.of(
                "",
                SECURITY,
                ACTION + ACTION + MESSAGE_ID + TO,
                ACTION + MESSAGE_ID + MESSAGE_ID + TO,
                ACTION + MESSAGE_ID + TO + TO,
                ACTION + MESSAGE_ID + TO + REPLY_TO + REPLY_TO,
                ACTION + MESSAGE_ID + TO + "<a:RelatesTo>urn:uuid:1</a:RelatesTo>",
                ACTION + MESSAGE_ID + TO + "<a:From><a:Address>urn:x</a:Address></a:From>",
                ACTION + MESSAGE_ID + TO + "<a:FaultTo><a:Address>urn:x</a:Address></a:FaultTo>",
                ACTION + MESSAGE_ID + TO + "<a:ReplyTo><a:Address>urn:x</a:Address><a:ReferenceParameters/>"
                        + "</a:ReplyTo>",
                ACTION + MESSAGE_ID + TO + "<a:ReplyTo a:extra='1'><a:Address>urn:x</a:Address></a:ReplyTo>",
                ACTION + MESSAGE_ID + TO + "<a:ReplyTo>x<a:Address>urn:x</a:Address></a:ReplyTo>",
                ACTION + MESSAGE_ID + TO + "<a:ReplyTo/>",
                "<a:Action> urn:a</a:Action>" + MESSAGE_ID + TO,
                "<a:Action>urn:a\n</a:Action>" + MESSAGE_ID + TO,
                "<a:Action></a:Action>" + MESSAGE_ID + TO,
                "<a:Action>urn:<b/>a</a:Action>" + MESSAGE_ID + TO,
                ACTION + MESSAGE_ID + TO + "<w:Action xmlns:w='http://schemas.xmlsoap.org/ws/2004/08/addressing'>"
                        + "urn:a</w:Action>",
                ACTION + MESSAGE_ID + TO + "<p:Leaf xmlns:p='urn:p'>value</p:Leaf>")) {
            assertNull(PlainAddressingIn.read(message(headers).getHeaders()), headers);
        }
    }

    @Test
    void storedPropertiesMakeCxfSkipItsOwnDecode() throws Exception {
        SoapMessage message = message(ACTION + MESSAGE_ID + TO);
        new PlainAddressingIn().handleMessage(message);
        AddressingProperties stored = ContextUtils.retrieveMAPs(message, false, false, false);
        assertNotNull(stored);
        new MAPCodec().handleMessage(message);
        assertSame(stored, ContextUtils.retrieveMAPs(message, false, false, false));
    }

    @Test
    void aRequestItCannotReadIsDecodedByCxfAsBefore() throws Exception {
        SoapMessage message = message(ACTION + MESSAGE_ID + TO + "<a:RelatesTo>urn:uuid:1</a:RelatesTo>");
        new PlainAddressingIn().handleMessage(message);
        assertNull(ContextUtils.retrieveMAPs(message, false, false, false));
        new MAPCodec().handleMessage(message);
        assertEquals("urn:uuid:1", ContextUtils.retrieveMAPs(message, false, false, false).getRelatesTo().getValue());
    }

    private static void assertSameProperties(AddressingProperties cxf, AddressingProperties plain, String case_) {
        assertEquals(cxf.getNamespaceURI(), plain.getNamespaceURI(), case_);
        assertSameUri(cxf.getAction(), plain.getAction(), case_);
        assertSameUri(cxf.getMessageID(), plain.getMessageID(), case_);
        assertSameUri(cxf.getTo(), plain.getTo(), case_);
        assertSameUri(cxf.getReplyTo().getAddress(), plain.getReplyTo().getAddress(), case_);
        assertNull(plain.getReplyTo().getReferenceParameters(), case_);
        assertEquals(cxf.getReplyTo().getReferenceParameters(), plain.getReplyTo().getReferenceParameters(), case_);
        assertEquals(cxf.getRelatesTo(), plain.getRelatesTo(), case_);
        assertEquals(cxf.getFrom(), plain.getFrom(), case_);
        assertEquals(cxf.getFaultTo(), plain.getFaultTo(), case_);
        assertEquals(referenceParameters(cxf.getToEndpointReference()),
                referenceParameters(plain.getToEndpointReference()), case_);
    }

    private static void assertSameUri(AttributedURIType cxf, AttributedURIType plain, String case_) {
        if (cxf == null) {
            assertNull(plain, case_);
            return;
        }
        assertEquals(cxf.getValue(), plain.getValue(), case_);
        assertEquals(Map.copyOf(cxf.getOtherAttributes()), Map.copyOf(plain.getOtherAttributes()), case_);
    }

    private static List<String> referenceParameters(EndpointReferenceType endpoint) {
        List<String> names = new ArrayList<>();
        if (endpoint != null && endpoint.getReferenceParameters() != null) {
            for (Object o : endpoint.getReferenceParameters().getAny()) {
                Element e = (Element) o;
                names.add(new QName(e.getNamespaceURI(), e.getLocalName()) + "=" + e.getTextContent());
            }
        }
        return names;
    }

    static SoapMessage message(String headers) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element envelope = factory.newDocumentBuilder()
                .parse(new InputSource(new StringReader(String.format(ENVELOPE, headers)))).getDocumentElement();
        SoapMessage message = new SoapMessage(new MessageImpl());
        message.setExchange(new ExchangeImpl());
        List<Header> list = message.getHeaders();
        Node header = envelope.getFirstChild();
        for (Node child = header.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                Element e = (Element) child;
                list.add(new SoapHeader(new QName(e.getNamespaceURI(), e.getLocalName()), e));
            }
        }
        return message;
    }
}
