package no.dhoindex.bench;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.soap.SharedBindingAddressingCodec;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.SoapOutInterceptor;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.addressing.Names;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * What the WS-Addressing codec costs one of the gateway's ITI-38 calls, thread CPU on one thread, the codec before
 * (CXF's decode through JAXB, every header written through one JAXB data binding) and now
 * ({@link SharedBindingAddressingCodec}: plain values read from the DOM and written with StAX) alternating in rounds:
 * (1) decoding an answer's headers (Action, MessageID, To, RelatesTo, as a responding gateway sends them) as the
 * client's MAPCodec does, correlation included; (2) encoding a request's headers (Action, MessageID, To, an anonymous
 * ReplyTo, as the client's MAPAggregator makes them) and writing them with the envelope's start as CXF's SOAP
 * interceptor does. The SOAP envelope and the DOM of the answer's headers are CXF's work either way and not in (1).
 * {@code java -cp bench/target/classes:$(cat bench/target/cp.txt) no.dhoindex.bench.AddressingCodecCpu [CALLS [ROUNDS]]}
 */
public final class AddressingCodecCpu {

    private static final String RELATES_TO = "urn:uuid:7b1d4a0e-3c1f-4e0a-9d57-0b8f3e6a2c11";
    private static final String ANSWER_HEADERS = "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'"
            + " xmlns:a='http://www.w3.org/2005/08/addressing'><s:Header>"
            + "<a:Action>urn:ihe:iti:2007:CrossGatewayQueryResponse</a:Action>"
            + "<a:MessageID>urn:uuid:0b8f3e6a-2c11-4e0a-9d57-7b1d4a0e3c1f</a:MessageID>"
            + "<a:To>http://www.w3.org/2005/08/addressing/anonymous</a:To>"
            + "<a:RelatesTo>" + RELATES_TO + "</a:RelatesTo></s:Header><s:Body/></s:Envelope>";

    private static final java.util.SortedSet<org.apache.cxf.phase.Phase> OUT_PHASES =
            new org.apache.cxf.bus.managers.PhaseManagerImpl().getOutPhases();

    private AddressingCodecCpu() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<Element> answerHeaders = answerHeaders();
        MAPCodec before = new Before();
        MAPCodec now = new SharedBindingAddressingCodec();
        SoapOutInterceptor soapOut = new SoapOutInterceptor(new ExtensionManagerBus());
        double[][] decode = new double[2][rounds];
        double[][] encode = new double[2][rounds];
        long[] checksum = {0};
        for (int round = 0; round < rounds; round++) {
            for (int side = 0; side < 2; side++) {
                MAPCodec codec = side == 0 ? before : now;
                decode[side][round] = ThreadCpuRounds.micros(calls, () -> {
                    checksum[0] += decode(codec, answerHeaders).getRelatesTo().getValue().length();
                    return null;
                });
                encode[side][round] = ThreadCpuRounds.micros(calls, () -> {
                    checksum[0] += encodeAndWrite(codec, soapOut);
                    return null;
                });
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("%d calls per round, %d rounds, before and now alternating%n%n", calls, rounds));
        b.append("Decoding an answer's headers:\n\n");
        ThreadCpuRounds.table(b, "answer", "before (MAPCodec's JAXB decode)", decode[0],
                "now (plain values from the DOM)", decode[1], checksum[0]);
        b.append("\nEncoding and writing a request's headers (with the envelope's start):\n\n");
        ThreadCpuRounds.table(b, "request", "before (JAXB, one data binding)", encode[0], "now (plain values by StAX)",
                encode[1], checksum[0]);
        System.out.println(b);
    }

    private static AddressingProperties decode(MAPCodec codec, List<Element> headers) {
        SoapMessage answer = new SoapMessage(new MessageImpl());
        Exchange exchange = new ExchangeImpl();
        answer.setExchange(exchange);
        answer.put(Message.REQUESTOR_ROLE, Boolean.TRUE);
        for (Element header : headers) {
            answer.getHeaders().add(new SoapHeader(new QName(header.getNamespaceURI(), header.getLocalName()), header));
        }
        // As the request's encode left it: the exchange waiting for its answer.
        codec.getUncorrelatedExchanges().put(RELATES_TO, exchange);
        codec.handleMessage(answer);
        return ContextUtils.retrieveMAPs(answer, false, false, false);
    }

    private static int encodeAndWrite(MAPCodec codec, SoapOutInterceptor soapOut) {
        SoapMessage request = new SoapMessage(Soap12.getInstance());
        Exchange exchange = new ExchangeImpl();
        exchange.setOutMessage(request);
        request.setExchange(exchange);
        AddressingProperties maps = new AddressingProperties();
        maps.exposeAs(Names.WSA_NAMESPACE_NAME);
        maps.setAction(ContextUtils.getAttributedURI("urn:ihe:iti:2007:CrossGatewayQuery"));
        maps.setMessageID(ContextUtils.getAttributedURI(ContextUtils.generateUUID()));
        maps.setTo(EndpointReferenceUtils.getEndpointReference("http://127.0.0.1:40123/xca/community1"));
        maps.setReplyTo(EndpointReferenceUtils.getEndpointReference(Names.WSA_ANONYMOUS_ADDRESS));
        maps.getMustUnderstand().add(Names.WSA_ACTION_QNAME);
        maps.getMustUnderstand().add(Names.WSA_TO_QNAME);
        ContextUtils.storeMAPs(maps, request, true, true);
        codec.handleMessage(request);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        XMLStreamWriter writer = StaxUtils.createXMLStreamWriter(bytes);
        request.setContent(XMLStreamWriter.class, writer);
        request.setInterceptorChain(new PhaseInterceptorChain(OUT_PHASES));
        soapOut.handleMessage(request);
        try {
            writer.flush();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.size();
    }

    private static List<Element> answerHeaders() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element envelope = factory.newDocumentBuilder().parse(new InputSource(new StringReader(ANSWER_HEADERS)))
                .getDocumentElement();
        List<Element> headers = new ArrayList<>();
        for (Node child = envelope.getFirstChild().getFirstChild(); child != null; child = child.getNextSibling()) {
            headers.add((Element) child);
        }
        return headers;
    }

    /** The codec as it was before (main 56ffb3f): CXF's decode, every header written through one JAXB data binding. */
    private static final class Before extends MAPCodec {

        private final Map<JAXBContext, JAXBDataBinding> bindings = new ConcurrentHashMap<>();

        @Override
        protected <T> void encodeMAP(SoapMessage message, T value, QName name, Class<T> type, JAXBContext context,
                                     boolean mustUnderstand) {
            SoapHeader header = new SoapHeader(name, new JAXBElement<>(name, type, value),
                    bindings.computeIfAbsent(context, JAXBDataBinding::new));
            header.setMustUnderstand(mustUnderstand);
            message.getHeaders().add(header);
        }
    }
}
