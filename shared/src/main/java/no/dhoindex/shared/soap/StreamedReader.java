package no.dhoindex.shared.soap;

import java.util.Collection;
import java.util.function.Predicate;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import org.apache.cxf.databinding.DataReader;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Attachment;
import org.apache.cxf.service.model.MessagePartInfo;

/**
 * A CXF data reader that reads one kind of element itself with StAX and hands every other to IPF's JAXB reader: what
 * the streamed data bindings ({@link StreamedAnswers} for ports, the gateway's for its clients) have in common.
 * Malformed XML is CXF's Fault, as JAXB's unmarshalling error is: a SOAP Fault, no stack trace.
 */
public final class StreamedReader implements DataReader<XMLStreamReader> {

    /** Reads the element the reader stands at, to its end. */
    @FunctionalInterface
    public interface ElementReading {
        Object read(XMLStreamReader input) throws XMLStreamException;
    }

    private final DataReader<XMLStreamReader> jaxb;
    private final Predicate<XMLStreamReader> ours;
    private final ElementReading reading;

    private StreamedReader(DataReader<XMLStreamReader> jaxb, Predicate<XMLStreamReader> ours, ElementReading reading) {
        this.jaxb = jaxb;
        this.ours = ours;
        this.reading = reading;
    }

    /**
     * {@code jaxb} as it is for any format but {@link XMLStreamReader}; for that one, the element {@code ours} accepts
     * read by {@code reading} and the rest by {@code jaxb}.
     */
    @SuppressWarnings("unchecked")
    public static <T> DataReader<T> around(DataReader<T> jaxb, Class<T> format, Predicate<XMLStreamReader> ours,
            ElementReading reading) {
        return format == XMLStreamReader.class && jaxb != null
                ? (DataReader<T>) new StreamedReader((DataReader<XMLStreamReader>) jaxb, ours, reading) : jaxb;
    }

    @Override
    public Object read(XMLStreamReader input) {
        return ours.test(input) ? own(input) : jaxb.read(input);
    }

    @Override
    public Object read(MessagePartInfo part, XMLStreamReader input) {
        return ours.test(input) ? own(input) : jaxb.read(part, input);
    }

    @Override
    public Object read(QName name, XMLStreamReader input, Class<?> type) {
        return ours.test(input) ? own(input) : jaxb.read(name, input, type);
    }

    private Object own(XMLStreamReader input) {
        try {
            return reading.read(input);
        } catch (XMLStreamException e) {
            throw new Fault(e);
        }
    }

    @Override
    public void setSchema(Schema schema) {
        jaxb.setSchema(schema);
    }

    @Override
    public void setAttachments(Collection<Attachment> attachments) {
        jaxb.setAttachments(attachments);
    }

    @Override
    public void setProperty(String key, Object value) {
        jaxb.setProperty(key, value);
    }
}
