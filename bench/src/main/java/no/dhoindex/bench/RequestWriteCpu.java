package no.dhoindex.bench;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AdhocQueryType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;

/**
 * What writing one outgoing ITI-38 request costs the gateway, thread CPU per request on one thread: the domain query
 * to IPF's JAXB request ({@link XdsMessages#writeQuery}), then its XML onto a Woodstox writer three ways: JAXB with a
 * marshaller made per request (as CXF's data writer does), JAXB with one marshaller kept, and written by hand with
 * StAX (the least a fixed template could cost; only the FindDocuments shape the benchmark asks). It says whether
 * replacing JAXB for the request is worth doing (issue 15): the gateway asks N communities per question.
 * {@code java -cp bench/target/classes:$(cat bench/target/cp.txt) no.dhoindex.bench.RequestWriteCpu [WRITES [ROUNDS]]}
 */
public final class RequestWriteCpu {

    private static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

    private RequestWriteCpu() {
    }

    public static void main(String[] args) throws Exception {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        StoredQuery query = new StoredQuery.FindDocuments(PatientId.nationalId("15077510041"),
                DocumentFilter.approved(Set.of(DocumentEntryType.STABLE), CodeFilter.ANY));
        AdhocQueryRequest request = XdsMessages.writeQuery(query, ReturnType.LEAF_CLASS, "urn:oid:2.25.1");
        JAXBContext context = JAXBContext.newInstance(AdhocQueryRequest.class);
        XMLOutputFactory stax = XMLOutputFactory.newInstance();
        Marshaller kept = fragment(context);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("| round | domain -> JAXB request µs | JAXB, marshaller per request µs | JAXB, one marshaller µs"
                + " | StAX by hand µs |");
        System.out.println("|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < writes; i++) {
                XdsMessages.writeQuery(query, ReturnType.LEAF_CLASS, "urn:oid:2.25.1");
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < writes; i++) {
                XMLStreamWriter w = stax.createXMLStreamWriter(new ByteArrayOutputStream(2048));
                fragment(context).marshal(request, w);
                w.flush();
            }
            long t2 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < writes; i++) {
                XMLStreamWriter w = stax.createXMLStreamWriter(new ByteArrayOutputStream(2048));
                kept.marshal(request, w);
                w.flush();
            }
            long t3 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < writes; i++) {
                XMLStreamWriter w = stax.createXMLStreamWriter(new ByteArrayOutputStream(2048));
                byHand(request, w);
                w.flush();
            }
            long t4 = threads.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f |%n", round, (t1 - t0) / 1e3 / writes,
                    (t2 - t1) / 1e3 / writes, (t3 - t2) / 1e3 / writes, (t4 - t3) / 1e3 / writes);
        }
    }

    private static Marshaller fragment(JAXBContext context) throws JAXBException {
        Marshaller m = context.createMarshaller();
        m.setProperty(Marshaller.JAXB_FRAGMENT, true);
        return m;
    }

    private static void byHand(AdhocQueryRequest r, XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement("query", "AdhocQueryRequest", QUERY);
        w.writeNamespace("query", QUERY);
        w.writeNamespace("rim", RIM);
        w.writeStartElement(QUERY, "ResponseOption");
        w.writeAttribute("returnType", r.getResponseOption().getReturnType());
        w.writeAttribute("returnComposedObjects", "true");
        w.writeEndElement();
        AdhocQueryType q = r.getAdhocQuery();
        w.writeStartElement(RIM, "AdhocQuery");
        w.writeAttribute("id", q.getId());
        w.writeAttribute("home", q.getHome());
        for (SlotType1 s : q.getSlot()) {
            w.writeStartElement(RIM, "Slot");
            w.writeAttribute("name", s.getName());
            w.writeStartElement(RIM, "ValueList");
            for (String v : s.getValueList().getValue()) {
                w.writeStartElement(RIM, "Value");
                w.writeCharacters(v);
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
    }
}
