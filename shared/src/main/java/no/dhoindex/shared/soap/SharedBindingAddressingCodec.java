package no.dhoindex.shared.soap;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.ws.addressing.Names;
import org.apache.cxf.ws.addressing.soap.MAPCodec;
import org.w3c.dom.Element;

/**
 * CXF's WS-Addressing codec, writing each outgoing header through one JAXB data binding per JAXB context instead of a
 * new one per header: constructing those was about 3.4 % of a FindDocuments' request-thread CPU in the registry (JFR,
 * 2026-12-03). CXF shares an endpoint's own data binding between all its messages the same way; nothing here changes
 * what is written ({@code SharedBindingAddressingCodecTest}), and that binding writes the plain values without JAXB
 * ({@link PlainAddressingBinding}).
 *
 * <p>Incoming, each plain 2005/08 header value (see {@link PlainAddressingValues}) is read from its DOM element instead
 * of through JAXB: on the gateway's clients that unmarshalling was most of MAPCodec's decode of every answer (about
 * 3 % of the fan-out threads' samples at 20 communities, JFR 2026-12-03), and {@link PlainAddressingIn} covers only
 * requests. Only the value is read here; MAPCodec's decode around it is untouched, so a response's correlation
 * (RelatesTo, the uncorrelated exchanges, partial responses) and the cardinality checks stay CXF's.
 */
public final class SharedBindingAddressingCodec extends MAPCodec {

    private final Map<JAXBContext, JAXBDataBinding> bindings = new ConcurrentHashMap<>();

    /** Makes this the codec the bus's WS-Addressing features use (they take the bus's {@link MAPCodec}). */
    public static void installOn(Bus bus) {
        synchronized (bus) {
            if (!(bus.getExtension(MAPCodec.class) instanceof SharedBindingAddressingCodec)) {
                bus.setExtension(new SharedBindingAddressingCodec(), MAPCodec.class);
            }
        }
    }

    @Override
    protected <T> T decodeMAP(Class<T> type, Element header, Unmarshaller unmarshaller) throws JAXBException {
        Object plain = Names.WSA_NAMESPACE_NAME.equals(header.getNamespaceURI())
                ? PlainAddressingValues.read(type, header) : null;
        return plain != null ? type.cast(plain) : super.decodeMAP(type, header, unmarshaller);
    }

    @Override
    protected <T> void encodeMAP(SoapMessage message, T value, QName name, Class<T> type, JAXBContext context,
                                 boolean mustUnderstand) {
        SoapHeader header = new SoapHeader(name, new JAXBElement<>(name, type, value),
                bindings.computeIfAbsent(context, PlainAddressingBinding::new));
        header.setMustUnderstand(mustUnderstand);
        message.getHeaders().add(header);
    }
}
