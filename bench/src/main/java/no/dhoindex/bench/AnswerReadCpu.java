package no.dhoindex.bench;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.wire.QueryAnswerReader;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * The gateway's CPU to read one source's ITI-38 answer into the domain, the two ways in one JVM on one thread:
 * JAXB with IPF's unmarshaller listener then {@link XdsMessages#readAnswer} (IPF's transformer), as the gateway's
 * clients read answers before, against {@link QueryAnswerReader} (StAX straight into the domain), as they read them
 * now. The answer is {@code SimulatedCommunity}'s ({@code ./dho bench gateway}'s simulated responding gateway) with
 * ENTRIES DocumentEntries, parsed from its bytes by the same StAX factory (Woodstox, as CXF) both ways. Rounds
 * alternate the order of the two; the figure is the thread's CPU ({@code ThreadMXBean}) per answer, so other
 * processes on a busy machine inflate it less than wall time.
 * {@code java -cp bench/target/classes:$(cat bench/target/cp.txt) no.dhoindex.bench.AnswerReadCpu [READS [ENTRIES [ROUNDS]]]}
 */
public final class AnswerReadCpu {

    private static final String PATIENT_XML = "15077510041^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO";

    private AnswerReadCpu() {
    }

    public static void main(String[] args) throws Exception {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        byte[] body = SimulatedCommunity.answer("community1", "urn:oid:2.25.1", entries, PATIENT_XML)
                .getBytes(StandardCharsets.UTF_8);
        XMLInputFactory stax = XMLInputFactory.newInstance();
        JAXBContext jaxb = JAXBContext.newInstance(AdhocQueryResponse.class);
        QueryAnswer viaIpf = ipf(stax, jaxb, body);
        QueryAnswer viaReader = reader(stax, body);
        if (!viaIpf.equals(viaReader) || viaReader.result().documents().size() != entries) {
            throw new IllegalStateException("the two reads differ: " + viaIpf + " / " + viaReader);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Warm-up: both paths compiled before anything is counted.
        for (int i = 0; i < Math.max(2000, reads); i++) {
            ipf(stax, jaxb, body);
            reader(stax, body);
        }
        List<double[]> figures = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double ipfMicros = 0;
            double readerMicros = 0;
            for (int half = 0; half < 2; half++) {
                boolean ipfNow = (round + half) % 2 == 0;
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < reads; i++) {
                    if (ipfNow) {
                        ipf(stax, jaxb, body);
                    } else {
                        reader(stax, body);
                    }
                }
                double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / reads;
                if (ipfNow) {
                    ipfMicros = micros;
                } else {
                    readerMicros = micros;
                }
            }
            figures.add(new double[] {ipfMicros, readerMicros});
        }
        System.out.println(String.format(Locale.ROOT, "answer: %d DocumentEntries, %d bytes; %d reads per path per"
                + " round, %d rounds, order alternating", entries, body.length, reads, rounds));
        System.out.println("| round | JAXB + IPF + readAnswer (µs CPU per answer) | QueryAnswerReader (µs CPU per answer) | ratio |");
        System.out.println("|---|---|---|---|");
        for (int round = 0; round < figures.size(); round++) {
            double[] f = figures.get(round);
            System.out.println(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.2f |", round + 1, f[0], f[1], f[1] / f[0]));
        }
        double[] ipf = figures.stream().mapToDouble(f -> f[0]).sorted().toArray();
        double[] reader = figures.stream().mapToDouble(f -> f[1]).sorted().toArray();
        System.out.println(String.format(Locale.ROOT, "| median | %.1f | %.1f | %.2f |", ipf[ipf.length / 2],
                reader[reader.length / 2], reader[reader.length / 2] / ipf[ipf.length / 2]));
    }

    private static QueryAnswer ipf(XMLInputFactory stax, JAXBContext jaxb, byte[] body) throws Exception {
        XMLStreamReader r = stax.createXMLStreamReader(new ByteArrayInputStream(body));
        Unmarshaller unmarshaller = jaxb.createUnmarshaller();
        unmarshaller.setListener(new XdsJaxbDataBinding.UnmarshallerListener());
        return XdsMessages.readAnswer((AdhocQueryResponse) unmarshaller.unmarshal(r));
    }

    private static QueryAnswer reader(XMLInputFactory stax, byte[] body) throws Exception {
        XMLStreamReader r = stax.createXMLStreamReader(new ByteArrayInputStream(body));
        r.nextTag();
        return QueryAnswerReader.read(r);
    }
}
