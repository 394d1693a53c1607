package no.dhoindex.shared.xds.wire;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.ResponseOptionType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AdhocQueryType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ValueListType;

/**
 * Reads an AdhocQueryRequest (ITI-18 / ITI-38) from StAX into the ebRS stub objects, without JAXB: only what a stored
 * query is made of (the response option, the query's id and home, its slots with their values), the parts
 * {@link StoredQueryReader} and IPF's validator and transformer read. Everything else in the request (request slots,
 * the query's name, description, classifications, QueryExpression, elements of other namespaces) is skipped, as
 * JAXB skips what it does not bind and IPF ignores the rest. JAXB unmarshalling was about 7 % of a FindDocuments'
 * registry CPU (JFR); this is a loop over a few dozen events. DTDs and entity expansion are the StAX factory's
 * business (CXF refuses a DTD before any part is read).
 */
public final class AdhocQueryRequestReader {

    static final String QUERY = QueryAnswerWriter.QUERY;
    static final String RIM = QueryAnswerWriter.RIM;

    private AdhocQueryRequestReader() {
    }

    /** Whether the reader stands at an AdhocQueryRequest's start tag. */
    public static boolean at(XMLStreamReader r) {
        return r.getEventType() == XMLStreamConstants.START_ELEMENT && "AdhocQueryRequest".equals(r.getLocalName())
                && QUERY.equals(r.getNamespaceURI());
    }

    /**
     * Reads the AdhocQueryRequest whose start tag the reader stands at, and leaves it after that element's end tag
     * (where JAXB leaves it).
     */
    public static AdhocQueryRequest read(XMLStreamReader r) throws XMLStreamException {
        if (!at(r)) {
            throw new XMLStreamException("Expected an AdhocQueryRequest", r.getLocation());
        }
        AdhocQueryRequest request = new AdhocQueryRequest();
        request.setId(r.getAttributeValue(null, "id"));
        request.setComment(r.getAttributeValue(null, "comment"));
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            String ns = r.getNamespaceURI();
            String name = r.getLocalName();
            if (QUERY.equals(ns) && "ResponseOption".equals(name)) {
                ResponseOptionType option = new ResponseOptionType();
                option.setReturnType(r.getAttributeValue(null, "returnType"));
                String composed = r.getAttributeValue(null, "returnComposedObjects");
                if (composed != null) {
                    option.setReturnComposedObjects(Boolean.valueOf(composed.trim()));
                }
                request.setResponseOption(option);
                XmlElements.skip(r);
            } else if (RIM.equals(ns) && "AdhocQuery".equals(name)) {
                request.setAdhocQuery(adhocQuery(r));
            } else {
                XmlElements.skip(r);
            }
        }
        if (r.hasNext()) {
            r.next();
        }
        return request;
    }

    private static AdhocQueryType adhocQuery(XMLStreamReader r) throws XMLStreamException {
        AdhocQueryType query = new AdhocQueryType();
        query.setId(r.getAttributeValue(null, "id"));
        query.setHome(r.getAttributeValue(null, "home"));
        query.setLid(r.getAttributeValue(null, "lid"));
        query.setObjectType(r.getAttributeValue(null, "objectType"));
        query.setStatus(r.getAttributeValue(null, "status"));
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            if (RIM.equals(r.getNamespaceURI()) && "Slot".equals(r.getLocalName())) {
                query.getSlot().add(slot(r));
            } else {
                XmlElements.skip(r);
            }
        }
        return query;
    }

    private static SlotType1 slot(XMLStreamReader r) throws XMLStreamException {
        SlotType1 slot = new SlotType1();
        slot.setName(r.getAttributeValue(null, "name"));
        slot.setSlotType(r.getAttributeValue(null, "slotType"));
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            if (RIM.equals(r.getNamespaceURI()) && "ValueList".equals(r.getLocalName())) {
                // JAXB keeps the last ValueList of a slot that (against the schema) has two
                ValueListType values = new ValueListType();
                while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                    if (RIM.equals(r.getNamespaceURI()) && "Value".equals(r.getLocalName())) {
                        values.getValue().add(r.getElementText());
                    } else {
                        XmlElements.skip(r);
                    }
                }
                slot.setValueList(values);
            } else {
                XmlElements.skip(r);
            }
        }
        return slot;
    }

    /**
     * The next start or end tag, passing over text, comments and processing instructions between them (JAXB ignores
     * text where the schema has none; {@code XMLStreamReader.nextTag} would refuse it).
     */
    private static int nextTag(XMLStreamReader r) throws XMLStreamException {
        int event = r.next();
        while (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("The AdhocQueryRequest ends early", r.getLocation());
            }
            event = r.next();
        }
        return event;
    }

}
