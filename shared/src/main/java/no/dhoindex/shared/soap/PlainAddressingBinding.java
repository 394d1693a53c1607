package no.dhoindex.shared.soap;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import java.util.Collection;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.validation.Schema;
import org.apache.cxf.databinding.DataWriter;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.message.Attachment;
import org.apache.cxf.service.model.MessagePartInfo;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.EndpointReferenceType;
import org.apache.cxf.ws.addressing.Names;

/**
 * The data binding of the WS-Addressing headers {@link SharedBindingAddressingCodec} writes: a plain 2005/08 value (a URI
 * with no attributes: Action, MessageID, To; an endpoint reference holding only its Address: ReplyTo) is
 * written with StAX exactly as JAXB writes it, the same elements and characters ({@code SharedBindingAddressingCodecTest}
 * compares the two byte for byte); anything else goes through JAXB. On the gateway's clients the JAXB marshaller made for
 * each of a call's four headers was about 3 % of the fan-out threads' samples at 20 communities (JFR, 2026-12-03).
 */
final class PlainAddressingBinding extends JAXBDataBinding {

    private static final String WSA = Names.WSA_NAMESPACE_NAME;

    PlainAddressingBinding(JAXBContext context) {
        super(context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> DataWriter<T> createWriter(Class<T> format) {
        return format == XMLStreamWriter.class ? (DataWriter<T>) new Writer() : super.createWriter(format);
    }

    /** Whether {@code value} is written here rather than by JAXB. */
    static boolean plain(Object value) {
        return value instanceof JAXBElement<?> element && WSA.equals(element.getName().getNamespaceURI())
                && (text(element.getValue()) != null || address(element.getValue()) != null);
    }

    /**
     * The text of a URI value without attributes, or null. A RelatesTo is left to JAXB: whether its RelationshipType is
     * written depends on a field its getter hides (it answers "reply" when unset).
     */
    private static String text(Object value) {
        return value != null && value.getClass() == AttributedURIType.class
                && ((AttributedURIType) value).getOtherAttributes().isEmpty()
                ? ((AttributedURIType) value).getValue() : null;
    }

    /** The address of an endpoint reference that holds nothing else, or null. */
    private static String address(Object value) {
        if (!(value instanceof EndpointReferenceType endpoint) || endpoint.getReferenceParameters() != null
                || endpoint.getMetadata() != null || !endpoint.getAny().isEmpty()
                || !endpoint.getOtherAttributes().isEmpty() || endpoint.getAddress() == null) {
            return null;
        }
        return text(endpoint.getAddress());
    }

    /** Writes plain values itself and hands the rest to a JAXB writer, made only then. */
    private final class Writer implements DataWriter<XMLStreamWriter> {

        private DataWriter<XMLStreamWriter> jaxb;
        private Schema schema;
        private Collection<Attachment> attachments;

        @Override
        public void write(Object value, XMLStreamWriter output) {
            write(value, null, output);
        }

        @Override
        public void write(Object value, MessagePartInfo part, XMLStreamWriter output) {
            if (!plain(value)) {
                jaxb().write(value, part, output);
                return;
            }
            JAXBElement<?> element = (JAXBElement<?>) value;
            try {
                output.writeStartElement("", element.getName().getLocalPart(), WSA);
                output.writeDefaultNamespace(WSA);
                String text = text(element.getValue());
                if (text != null) {
                    output.writeCharacters(text);
                } else {
                    output.writeStartElement("", Names.WSA_ADDRESS_NAME, WSA);
                    output.writeCharacters(address(element.getValue()));
                    output.writeEndElement();
                }
                output.writeEndElement();
            } catch (XMLStreamException e) {
                throw new Fault(e);
            }
        }

        private DataWriter<XMLStreamWriter> jaxb() {
            if (jaxb == null) {
                jaxb = PlainAddressingBinding.super.createWriter(XMLStreamWriter.class);
                if (schema != null) {
                    jaxb.setSchema(schema);
                }
                if (attachments != null) {
                    jaxb.setAttachments(attachments);
                }
            }
            return jaxb;
        }

        @Override
        public void setSchema(Schema schema) {
            this.schema = schema;
            if (jaxb != null) {
                jaxb.setSchema(schema);
            }
        }

        @Override
        public void setAttachments(Collection<Attachment> attachments) {
            this.attachments = attachments;
            if (jaxb != null) {
                jaxb.setAttachments(attachments);
            }
        }

        @Override
        public void setProperty(String key, Object value) {
            jaxb().setProperty(key, value);
        }
    }
}
