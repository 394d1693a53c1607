package no.dhoindex.shared.soap;

import java.util.Collection;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.validation.Schema;
import no.dhoindex.shared.xds.wire.AdhocQueryRequestReader;
import no.dhoindex.shared.xds.wire.QueryAnswerWriter;
import org.apache.cxf.databinding.DataReader;
import no.dhoindex.shared.xds.wire.StreamedQueryResponse;
import org.apache.cxf.databinding.DataWriter;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Attachment;
import org.apache.cxf.service.model.MessagePartInfo;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;

/**
 * IPF's XDS data binding, except that a {@link StreamedQueryResponse} is written by {@link QueryAnswerWriter}
 * straight from the domain answer: no IPF transformation and no JAXB objects for the largest message a registry or
 * responding gateway sends (JFR: a quarter of the registry's CPU per FindDocuments went to building and marshalling
 * them). An AdhocQueryRequest is read by {@link AdhocQueryRequestReader} straight from the stream, without JAXB
 * (the stored query's reading itself is {@code XdsMessages.readQuery}). Everything else is IPF's JAXB binding
 * unchanged. Named on a port with {@code @DataBinding(StreamedAnswers.class)}.
 */
public class StreamedAnswers extends XdsJaxbDataBinding {

    @Override
    public <T> DataReader<T> createReader(Class<T> format) {
        return StreamedReader.around(super.createReader(format), format, AdhocQueryRequestReader::at,
                AdhocQueryRequestReader::read);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> DataWriter<T> createWriter(Class<T> format) {
        DataWriter<T> jaxb = super.createWriter(format);
        return format == XMLStreamWriter.class && jaxb != null
                ? (DataWriter<T>) new Writer((DataWriter<XMLStreamWriter>) jaxb) : jaxb;
    }

    private static final class Writer implements DataWriter<XMLStreamWriter> {

        private final DataWriter<XMLStreamWriter> jaxb;

        Writer(DataWriter<XMLStreamWriter> jaxb) {
            this.jaxb = jaxb;
        }

        @Override
        public void write(Object object, XMLStreamWriter output) {
            if (!stream(object, output)) {
                jaxb.write(object, output);
            }
        }

        @Override
        public void write(Object object, MessagePartInfo part, XMLStreamWriter output) {
            if (!stream(object, output)) {
                jaxb.write(object, part, output);
            }
        }

        private static boolean stream(Object object, XMLStreamWriter output) {
            if (!(object instanceof StreamedQueryResponse answer)) {
                return false;
            }
            try {
                QueryAnswerWriter.write(answer.answer(), answer.returnType(), output);
            } catch (XMLStreamException e) {
                throw new Fault(e);
            }
            return true;
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
}
