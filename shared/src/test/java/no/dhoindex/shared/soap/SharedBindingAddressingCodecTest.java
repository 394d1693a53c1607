package no.dhoindex.shared.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceType;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.addressing.Names;
import org.apache.cxf.ws.addressing.RelatesToType;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The codec writes the same WS-Addressing headers as CXF's, through one data binding per JAXB context, and reads the
 * same values from them as CXF's, the plain ones without JAXB.
 */
class SharedBindingAddressingCodecTest {

    private static final String RELATES_TO = "<a:RelatesTo>urn:uuid:7b1d4a0e-3c1f-4e0a-9d57-0b8f3e6a2c11</a:RelatesTo>";
    private static final String RESPONSE = "<a:Action>urn:ihe:iti:2007:CrossGatewayQueryResponse</a:Action>"
            + "<a:MessageID>urn:uuid:0b8f3e6a-2c11-4e0a-9d57-7b1d4a0e3c1f</a:MessageID>"
            + "<a:To>http://www.w3.org/2005/08/addressing/anonymous</a:To>";

    @Test
    void readsTheValuesCxfReads() throws Exception {
        List<String> plain = List.of(
                RESPONSE + RELATES_TO,
                RELATES_TO + RESPONSE,
                RESPONSE + "<a:RelatesTo RelationshipType='http://www.w3.org/2005/08/addressing/reply'>urn:uuid:1"
                        + "</a:RelatesTo>",
                RESPONSE + "<a:RelatesTo RelationshipType='urn:x:other' xmlns:x='urn:x' x:note='kept'>urn:uuid:1"
                        + "</a:RelatesTo>",
                RESPONSE + "<a:RelatesTo a:RelationshipType='urn:qualified'>urn:uuid:1</a:RelatesTo>",
                RESPONSE + RELATES_TO + "<a:From><a:Address>urn:from</a:Address></a:From>"
                        + "<a:FaultTo>\n <a:Address>urn:fault</a:Address>\n</a:FaultTo>"
                        + "<a:ReplyTo><a:Address>urn:reply</a:Address></a:ReplyTo>",
                "<a:Action xmlns:x='urn:x' x:note='kept' Id='plain'>urn:a</a:Action>" + RELATES_TO);
        List<String> leftToJaxb = List.of(
                RESPONSE + "<a:RelatesTo> urn:uuid:1</a:RelatesTo>",
                RESPONSE + "<a:RelatesTo RelationshipType=' urn:x'>urn:uuid:1</a:RelatesTo>",
                RESPONSE + "<a:RelatesTo RelationshipType=''>urn:uuid:1</a:RelatesTo>",
                RESPONSE + "<a:RelatesTo>urn:<b/>uuid:1</a:RelatesTo>",
                RESPONSE + "<a:RelatesTo></a:RelatesTo>",
                RESPONSE + "<a:From><a:Address>urn:from</a:Address><a:Metadata/></a:From>",
                "<a:Action>urn:a\n</a:Action>" + RELATES_TO);
        for (String headers : plain) {
            assertEquals(read(new MAPCodec(), headers), read(new SharedBindingAddressingCodec(), headers), headers);
            for (Header header : PlainAddressingInTest.message(headers).getHeaders()) {
                Element element = (Element) header.getObject();
                // No unmarshaller: a plain value never reaches JAXB.
                assertNotNull(new SharedBindingAddressingCodec().decodeMAP(type(element), element, null), headers);
            }
        }
        for (String headers : leftToJaxb) {
            assertEquals(read(new MAPCodec(), headers), read(new SharedBindingAddressingCodec(), headers), headers);
            assertTrue(PlainAddressingInTest.message(headers).getHeaders().stream()
                    .anyMatch(h -> PlainAddressingValues.read(type((Element) h.getObject()), (Element) h.getObject())
                            == null), headers);
        }
    }

    @Test
    void aResponseIsStillCorrelatedWithItsRequest() throws Exception {
        SharedBindingAddressingCodec codec = new SharedBindingAddressingCodec();
        SoapMessage response = PlainAddressingInTest.message(RESPONSE + RELATES_TO);
        response.put(Message.REQUESTOR_ROLE, Boolean.TRUE);
        Exchange asked = new ExchangeImpl();
        codec.getUncorrelatedExchanges().put("urn:uuid:7b1d4a0e-3c1f-4e0a-9d57-0b8f3e6a2c11", asked);
        codec.handleMessage(response);
        assertSame(asked, response.getExchange());
        assertTrue(codec.getUncorrelatedExchanges().isEmpty());
        assertEquals(null, response.get(Message.PARTIAL_RESPONSE_MESSAGE));

        SoapMessage partial = PlainAddressingInTest.message(RESPONSE);
        partial.put(Message.REQUESTOR_ROLE, Boolean.TRUE);
        codec.handleMessage(partial);
        assertEquals(Boolean.TRUE, partial.get(Message.PARTIAL_RESPONSE_MESSAGE));
    }

    private static Class<?> type(Element header) {
        return switch (header.getLocalName()) {
            case "RelatesTo" -> RelatesToType.class;
            case "From", "FaultTo", "ReplyTo" -> EndpointReferenceType.class;
            default -> AttributedURIType.class;
        };
    }

    /** What the codec decoded, as values that compare equal when they are. */
    private static List<Object> read(MAPCodec codec, String headers) throws Exception {
        AddressingProperties maps = codec.unmarshalMAPs(PlainAddressingInTest.message(headers));
        List<Object> read = new ArrayList<>();
        read.add(maps.getNamespaceURI());
        for (AttributedURIType uri : new AttributedURIType[] {maps.getAction(), maps.getMessageID(), maps.getTo()}) {
            read.add(uri == null ? null : Arrays.asList(uri.getValue(), Map.copyOf(uri.getOtherAttributes())));
        }
        RelatesToType relatesTo = maps.getRelatesTo();
        read.add(relatesTo == null ? null : Arrays.asList(relatesTo.getValue(), relatesTo.getRelationshipType(),
                Map.copyOf(relatesTo.getOtherAttributes())));
        for (EndpointReferenceType endpoint : new EndpointReferenceType[] {maps.getReplyTo(), maps.getFrom(),
                maps.getFaultTo()}) {
            read.add(endpoint == null ? null : Arrays.asList(endpoint.getAddress().getValue(),
                    Map.copyOf(endpoint.getAddress().getOtherAttributes()), endpoint.getReferenceParameters(),
                    endpoint.getMetadata() == null ? null : endpoint.getMetadata().getAny(), endpoint.getAny(), Map.copyOf(endpoint.getOtherAttributes())));
        }
        return read;
    }

    @Test
    void writesTheHeadersCxfWrites() {
        List<Header> cxf = encode(new MAPCodec()).getHeaders();
        List<Header> shared = encode(new SharedBindingAddressingCodec()).getHeaders();
        assertEquals(describe(cxf), describe(shared));
        assertTrue(describe(shared).size() >= 4, describe(shared).toString());
    }

    @Test
    void oneDataBindingServesEveryHeaderAndMessage() {
        SharedBindingAddressingCodec codec = new SharedBindingAddressingCodec();
        List<Header> headers = new ArrayList<>(encode(codec).getHeaders());
        headers.addAll(encode(codec).getHeaders());
        for (Header header : headers) {
            assertSame(headers.get(0).getDataBinding(), header.getDataBinding());
        }
    }

    @Test
    void theBusHandsItToTheAddressingFeature() {
        ExtensionManagerBus bus = new ExtensionManagerBus();
        SharedBindingAddressingCodec.installOn(bus);
        MAPCodec first = MAPCodec.getInstance(bus);
        SharedBindingAddressingCodec.installOn(bus);
        assertTrue(first instanceof SharedBindingAddressingCodec);
        assertSame(first, MAPCodec.getInstance(bus));
    }

    @Test
    void writesTheBytesCxfWrites() throws Exception {
        String anonymous = Names.WSA_ANONYMOUS_ADDRESS;
        List<AddressingProperties> cases = List.of(
                request("urn:ihe:iti:2007:CrossGatewayQuery", "http://127.0.0.1:8080/xca", anonymous, true),
                request("urn:ihe:iti:2007:RegistryStoredQuery", "http://127.0.0.1:8080/registry", null, false),
                request("urn:a&b<c>\"d'", "http://h/x?a=1&b=2", "http://h/reply?a&b", true),
                response());
        for (AddressingProperties maps : cases) {
            String cxf = written(encode(new MAPCodec(), maps));
            String shared = written(encode(new SharedBindingAddressingCodec(), maps));
            assertEquals(cxf, shared);
            assertTrue(shared.contains("<soap:Header><Action "), shared);
        }
        AddressingProperties asRequest = cases.get(0);
        for (Header header : encode(new SharedBindingAddressingCodec(), asRequest).getHeaders()) {
            assertTrue(PlainAddressingBinding.plain(header.getObject()), header.getName().toString());
        }
        AddressingProperties other = request("urn:a", "urn:to", "urn:reply", true);
        other.getAction().getOtherAttributes().put(new javax.xml.namespace.QName("urn:x", "note"), "kept");
        other.getReplyTo().setReferenceParameters(new org.apache.cxf.ws.addressing.ReferenceParametersType());
        assertEquals(written(encode(new MAPCodec(), other)), written(encode(new SharedBindingAddressingCodec(), other)));
        for (Header header : encode(new SharedBindingAddressingCodec(), other).getHeaders()) {
            Object value = ((JAXBElement<?>) header.getObject()).getValue();
            boolean leftToJaxb = value == other.getAction() || value == other.getReplyTo();
            assertEquals(!leftToJaxb, PlainAddressingBinding.plain(header.getObject()), header.getName().toString());
        }
    }

    private static AddressingProperties request(String action, String to, String replyTo, boolean mustUnderstand) {
        AddressingProperties maps = new AddressingProperties();
        maps.exposeAs(Names.WSA_NAMESPACE_NAME);
        maps.setAction(ContextUtils.getAttributedURI(action));
        maps.setMessageID(ContextUtils.getAttributedURI("urn:uuid:0b8f3e6a-2c11-4e0a-9d57-7b1d4a0e3c1f"));
        maps.setTo(EndpointReferenceUtils.getEndpointReference(to));
        if (replyTo != null) {
            maps.setReplyTo(EndpointReferenceUtils.getEndpointReference(replyTo));
        }
        if (mustUnderstand) {
            maps.getMustUnderstand().addAll(List.of(Names.WSA_ACTION_QNAME, Names.WSA_TO_QNAME));
        }
        return maps;
    }

    /** The envelope's start as CXF's SOAP interceptor writes it with the message's headers. */
    static String written(SoapMessage message) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        javax.xml.stream.XMLStreamWriter writer = org.apache.cxf.staxutils.StaxUtils.createXMLStreamWriter(out);
        message.setContent(javax.xml.stream.XMLStreamWriter.class, writer);
        message.setInterceptorChain(new org.apache.cxf.phase.PhaseInterceptorChain(
                new org.apache.cxf.bus.managers.PhaseManagerImpl().getOutPhases()));
        new org.apache.cxf.binding.soap.interceptor.SoapOutInterceptor(new ExtensionManagerBus()).handleMessage(message);
        writer.flush();
        return out.toString();
    }

    private static SoapMessage encode(MAPCodec codec) {
        return encode(codec, response());
    }

    private static SoapMessage encode(MAPCodec codec, AddressingProperties maps) {
        SoapMessage message = new SoapMessage(Soap12.getInstance());
        Exchange exchange = new ExchangeImpl();
        exchange.setInMessage(new MessageImpl());
        message.setExchange(exchange);
        exchange.setOutMessage(message);
        ContextUtils.storeMAPs(maps, message, true, false);
        codec.handleMessage(message);
        return message;
    }

    private static AddressingProperties response() {
        AddressingProperties maps = new AddressingProperties();
        maps.exposeAs(Names.WSA_NAMESPACE_NAME);
        maps.setAction(ContextUtils.getAttributedURI("urn:ihe:iti:2007:RegistryStoredQueryResponse"));
        AttributedURIType id = ContextUtils.getAttributedURI("urn:uuid:0b8f3e6a-2c11-4e0a-9d57-7b1d4a0e3c1f");
        maps.setMessageID(id);
        maps.setTo(EndpointReferenceUtils.getEndpointReference(Names.WSA_ANONYMOUS_ADDRESS));
        RelatesToType relatesTo = new RelatesToType();
        relatesTo.setValue("urn:uuid:7b1d4a0e-3c1f-4e0a-9d57-0b8f3e6a2c11");
        maps.setRelatesTo(relatesTo);
        return maps;
    }

    private static List<String> describe(List<Header> headers) {
        List<String> described = new ArrayList<>();
        for (Header header : headers) {
            SoapHeader soap = (SoapHeader) header;
            Object value = ((JAXBElement<?>) header.getObject()).getValue();
            String text = value instanceof AttributedURIType uri ? uri.getValue()
                    : value instanceof RelatesToType r ? r.getValue() : value.getClass().getName();
            described.add(header.getName() + " mustUnderstand=" + soap.isMustUnderstand() + " " + text);
        }
        return described;
    }
}
