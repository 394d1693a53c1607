package no.dhoindex.shared.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBElement;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.addressing.Names;
import org.apache.cxf.ws.addressing.RelatesToType;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.junit.jupiter.api.Test;

/** The codec writes the same WS-Addressing headers as CXF's, through one data binding per JAXB context. */
class SharedBindingAddressingCodecTest {

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

    private static SoapMessage encode(MAPCodec codec) {
        SoapMessage message = new SoapMessage(Soap12.getInstance());
        Exchange exchange = new ExchangeImpl();
        exchange.setInMessage(new MessageImpl());
        message.setExchange(exchange);
        exchange.setOutMessage(message);
        AddressingProperties maps = new AddressingProperties();
        maps.exposeAs(Names.WSA_NAMESPACE_NAME);
        maps.setAction(ContextUtils.getAttributedURI("urn:ihe:iti:2007:RegistryStoredQueryResponse"));
        AttributedURIType id = ContextUtils.getAttributedURI("urn:uuid:0b8f3e6a-2c11-4e0a-9d57-7b1d4a0e3c1f");
        maps.setMessageID(id);
        maps.setTo(EndpointReferenceUtils.getEndpointReference(Names.WSA_ANONYMOUS_ADDRESS));
        RelatesToType relatesTo = new RelatesToType();
        relatesTo.setValue("urn:uuid:7b1d4a0e-3c1f-4e0a-9d57-0b8f3e6a2c11");
        maps.setRelatesTo(relatesTo);
        ContextUtils.storeMAPs(maps, message, true, false);
        codec.handleMessage(message);
        return message;
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
