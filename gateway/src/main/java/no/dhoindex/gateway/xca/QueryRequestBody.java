package no.dhoindex.gateway.xca;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.staxutils.StaxUtils;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AdhocQueryType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;

/**
 * A stored query's AdhocQueryRequest (ITI-18 / ITI-38, LeafClass) as bytes, written once per question with StAX and
 * sent to the registry and to every community: only the AdhocQuery's {@code home} differs between them, and is put in
 * per call. What is written is what {@code AdhocQueryRequestReader} (and JAXB) read: the response option, the query's
 * id, home, lid, objectType and status, its slots and their values. Before, each of the 20 communities of a question
 * had its own IPF transformation and JAXB marshalling (about a quarter of the gateway's CPU per ITI-38 call).
 */
final class QueryRequestBody {

    private static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    private static final byte[] HOME = " home=\"".getBytes(StandardCharsets.US_ASCII);

    private final StoredQuery query;
    /** The request up to the place of the AdhocQuery's home attribute, and from there on. */
    private final byte[] head;
    private final byte[] tail;

    private QueryRequestBody(StoredQuery query, byte[] head, byte[] tail) {
        this.query = query;
        this.head = head;
        this.tail = tail;
    }

    /** Whether this is the body of {@code other}: the same question (the federation hands each port the same query). */
    boolean of(StoredQuery other) {
        return query == other;
    }

    static QueryRequestBody write(StoredQuery query) {
        AdhocQueryRequest request = XdsMessages.writeQuery(query, ReturnType.LEAF_CLASS, null);
        // A value no query can hold where the home goes: the written bytes are cut there.
        String marker = "urn:uuid:" + UUID.randomUUID();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try {
            XMLStreamWriter w = StaxUtils.createXMLStreamWriter(bytes, "UTF-8");
            w.setPrefix("query", QUERY);
            w.setPrefix("rim", RIM);
            w.writeStartElement("query", "AdhocQueryRequest", QUERY);
            w.writeNamespace("query", QUERY);
            w.writeNamespace("rim", RIM);
            attribute(w, "id", request.getId());
            attribute(w, "comment", request.getComment());
            if (request.getResponseOption() != null) {
                w.writeEmptyElement("query", "ResponseOption", QUERY);
                attribute(w, "returnComposedObjects",
                        Boolean.toString(request.getResponseOption().isReturnComposedObjects()));
                attribute(w, "returnType", request.getResponseOption().getReturnType());
            }
            AdhocQueryType q = request.getAdhocQuery();
            w.writeStartElement("rim", "AdhocQuery", RIM);
            attribute(w, "id", q.getId());
            attribute(w, "lid", q.getLid());
            attribute(w, "objectType", q.getObjectType());
            attribute(w, "status", q.getStatus());
            w.writeAttribute("home", marker);
            for (SlotType1 slot : q.getSlot()) {
                w.writeStartElement("rim", "Slot", RIM);
                attribute(w, "name", slot.getName());
                attribute(w, "slotType", slot.getSlotType());
                w.writeStartElement("rim", "ValueList", RIM);
                if (slot.getValueList() != null) {
                    for (String value : slot.getValueList().getValue()) {
                        w.writeStartElement("rim", "Value", RIM);
                        w.writeCharacters(value);
                        w.writeEndElement();
                    }
                }
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The query could not be written: " + e.getMessage(), e);
        }
        byte[] written = bytes.toByteArray();
        byte[] cut = (" home=\"" + marker + "\"").getBytes(StandardCharsets.US_ASCII);
        int at = StoredQueryClient.indexOf(written, cut, 0);
        if (at < 0) {
            throw new IllegalStateException("The written query has no home attribute to set");
        }
        return new QueryRequestBody(query, java.util.Arrays.copyOfRange(written, 0, at),
                java.util.Arrays.copyOfRange(written, at + cut.length, written.length));
    }

    /** The request, addressed to {@code home} (a community's homeCommunityId), or to none (the registry). */
    void writeTo(ByteArrayOutputStream out, String home) {
        out.writeBytes(head);
        if (home != null) {
            out.writeBytes(HOME);
            out.writeBytes(SoapEnvelope.escape(home).getBytes(StandardCharsets.UTF_8));
            out.write('"');
        }
        out.writeBytes(tail);
    }

    private static void attribute(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value != null) {
            w.writeAttribute(name, value);
        }
    }
}
