package no.dhoindex.gateway.xca;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.shared.soap.StreamedReader;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.wire.QueryAnswerReader;
import no.dhoindex.shared.xds.wire.ReadQueryResponse;
import org.apache.cxf.databinding.DataReader;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;

/**
 * The gateway's SOAP clients' data binding: IPF's XDS JAXB binding, except that a source's AdhocQueryResponse (ITI-18
 * from the registry, ITI-38 from a community) is read by {@link QueryAnswerReader} straight off the message into the
 * domain answer, handed on as a {@link ReadQueryResponse} to {@code XdsMessages.readAnswer}: no JAXB objects and no
 * IPF transformation per source per question (the gateway's own CPU is what sits between its slowest source and its
 * caller). An answer that cannot be read is its refusal, as before; a body that is not XML fails the call as JAXB's
 * unmarshalling error did. Requests are written, and everything else read, by IPF's binding unchanged.
 */
public class StreamedAnswerReading extends XdsJaxbDataBinding {

    private static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";

    @Override
    public <T> DataReader<T> createReader(Class<T> format) {
        return StreamedReader.around(super.createReader(format), format, StreamedAnswerReading::isAnswer,
                StreamedAnswerReading::answer);
    }

    private static boolean isAnswer(XMLStreamReader input) {
        return input.getEventType() == XMLStreamConstants.START_ELEMENT
                && "AdhocQueryResponse".equals(input.getLocalName()) && QUERY.equals(input.getNamespaceURI());
    }

    private static Object answer(XMLStreamReader input) throws XMLStreamException {
        try {
            return ReadQueryResponse.read(QueryAnswerReader.read(input));
        } catch (XdsRefusal unreadable) {
            // Read to its end: the refusal is the answer's, given to the caller where it reads the answer.
            return ReadQueryResponse.refused(unreadable);
        }
    }
}
