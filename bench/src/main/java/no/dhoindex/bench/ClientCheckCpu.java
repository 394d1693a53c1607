package no.dhoindex.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.wire.QueryAnswerWriter;
import no.dhoindex.testsupport.Soap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The registry benchmark client's CPU per 10-entry FindDocuments answer, after the bytes have arrived (thread CPU):
 * the old check as `Soap.post` made it (the body as a String, a DocumentBuilderFactory per answer, a namespace-aware
 * DOM, status and ExtrinsicObjects read from it) against {@link PreparedQuery#entries} (one StAX pass). The HTTP
 * exchange itself is the same in both clients and not part of this. Rounds alternate.
 * {@code java -cp bench/target/classes:$(cat cp) no.dhoindex.bench.ClientCheckCpu RESULT_FILE}
 */
public final class ClientCheckCpu {

    private static final int WARM_UP = Integer.getInteger("warmUp", 5_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 10);
    private static final int PER_ROUND = Integer.getInteger("perRound", 1_000);

    /** The patient of AnswerWriterCpu's entries, as their answers name them. */
    private static final String PATIENT = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";

    private ClientCheckCpu() {
    }

    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        w.writeStartElement("s", "Envelope", Soap.SOAP12);
        w.writeNamespace("s", Soap.SOAP12);
        w.writeStartElement(Soap.SOAP12, "Body");
        QueryAnswerWriter.write(QueryAnswer.success(new QueryResult(AnswerWriterCpu.entries(), List.of(), List.of(),
                List.of())), ReturnType.LEAF_CLASS, w);
        w.writeEndElement();
        w.writeEndElement();
        w.flush();
        byte[] answer = out.toByteArray();
        if (domCheck(answer) != 10 || PreparedQuery.entries(answer, PATIENT) != 10) {
            throw new IllegalStateException("expected 10 entries from both checks");
        }
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += domCheck(answer) + PreparedQuery.entries(answer, PATIENT);
        }
        double[] oldMicros = new double[ROUNDS];
        double[] newMicros = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            oldMicros[r] = ThreadCpuRounds.micros(PER_ROUND, () -> domCheck(answer));
            newMicros[r] = ThreadCpuRounds.micros(PER_ROUND, () -> PreparedQuery.entries(answer, PATIENT));
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        StringBuilder b = new StringBuilder("# Registry benchmark client: checking a 10-entry FindDocuments answer\n\n");
        b.append("Answer: ").append(answer.length).append(" bytes (QueryAnswerWriter, 10 full DocumentEntries, in a SOAP ")
                .append("1.2 envelope); one thread, thread CPU; ").append(ROUNDS).append(" rounds of ").append(PER_ROUND)
                .append(" checks each, old and new alternating, after ").append(WARM_UP).append(" of each.\n\n");
        b.append("- load average before: ").append(loadBefore).append("\n- load average after: ").append(loadAfter)
                .append("\n\n");
        ThreadCpuRounds.table(b, "answer", "old (String + DocumentBuilderFactory + DOM)", oldMicros,
                "new (PreparedQuery.entries, StAX)", newMicros, sink);
        System.out.print(b);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), b.toString());
        }
    }

    /** What Soap.post and Reply did with an answer: text, a fresh factory, a DOM, status and count. */
    private static int domCheck(byte[] body) throws Exception {
        String text = new String(body, StandardCharsets.UTF_8);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        Element response = (Element) dom.getElementsByTagNameNS("urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0",
                "AdhocQueryResponse").item(0);
        if (!Soap.SUCCESS.equals(response.getAttribute("status"))) {
            throw new IllegalStateException("not Success");
        }
        return dom.getElementsByTagNameNS(Soap.RIM, "ExtrinsicObject").getLength();
    }
}
