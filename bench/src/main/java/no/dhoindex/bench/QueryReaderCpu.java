package no.dhoindex.bench;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import no.dhoindex.shared.xds.wire.AdhocQueryRequestReader;
import no.dhoindex.shared.xds.wire.StoredQueryRequest;
import no.dhoindex.shared.xds.wire.XdsMessages;
import no.dhoindex.testsupport.StoredQueryBuilder;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;

/**
 * The CPU of reading the registry benchmark's FindDocuments request (patient, status, class code, creation time
 * range) from its bytes into the domain stored query on one thread (thread CPU time): the old path, JAXB
 * unmarshalling with IPF's listener (as CXF's data binding did) then IPF's validator, transformer and
 * {@code StoredQueryMapper}, against {@link AdhocQueryRequestReader} (StAX) and {@code StoredQueryReader}. Both read
 * from the same kind of XMLStreamReader (Woodstox, as CXF's); rounds of the two alternate. The two results are
 * required to be equal before anything is timed.
 * {@code mvn -o -q -pl bench exec:java -Dexec.mainClass=no.dhoindex.bench.QueryReaderCpu -Dexec.args="RESULT_FILE"}
 */
public final class QueryReaderCpu {

    private static final int WARM_UP = Integer.getInteger("warmUp", 30_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 10);
    private static final int PER_ROUND = Integer.getInteger("perRound", 10_000);

    private QueryReaderCpu() {
    }

    private interface Step {
        StoredQueryRequest run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        byte[] request = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'15077510041^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .slot("$XDSDocumentEntryClassCode", "('A00-1^^2.16.578.1.12.4.1.1.9602')")
                .slot("$XDSDocumentEntryCreationTimeFrom", "20250101")
                .slot("$XDSDocumentEntryCreationTimeTo", "20250701").build().getBytes(StandardCharsets.UTF_8);
        XMLInputFactory stax = XMLInputFactory.newInstance();
        Unmarshaller unmarshaller = JAXBContext.newInstance(AdhocQueryRequest.class).createUnmarshaller();
        unmarshaller.setListener(new XdsJaxbDataBinding.UnmarshallerListener());
        Step old = () -> {
            XMLStreamReader r = at(stax, request);
            AdhocQueryRequest read = unmarshaller.unmarshal(r, AdhocQueryRequest.class).getValue();
            return XdsMessages.readQueryByIpf(read, XDS.Interactions.ITI_18);
        };
        Step streamed = () -> XdsMessages.readQuery(AdhocQueryRequestReader.read(at(stax, request)),
                XDS.Interactions.ITI_18);
        if (!old.run().equals(streamed.run())) {
            throw new IllegalStateException("The two readings differ: " + old.run() + " / " + streamed.run());
        }
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += old.run().hashCode() + streamed.run().hashCode();
        }
        double[] oldMicros = new double[ROUNDS];
        double[] newMicros = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            oldMicros[r] = ThreadCpuRounds.micros(PER_ROUND, old::run);
            newMicros[r] = ThreadCpuRounds.micros(PER_ROUND, streamed::run);
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        StringBuilder b = new StringBuilder();
        b.append("# Registry request reader: the benchmark's FindDocuments, old vs new\n\n");
        b.append("Reading the ITI-18 AdhocQueryRequest of `RegistryBenchmark`'s FindDocuments (").append(request.length)
                .append(" bytes: patient, status, class code, creation time from/to) from its bytes to the domain ")
                .append("`StoredQueryRequest`, through a ").append(stax.getClass().getName())
                .append(", one thread, thread CPU time.\n\n");
        b.append("- old: JAXB unmarshal with IPF's listener + `XdsMessages.readQueryByIpf` (IPF validator, transformer, ")
                .append("`StoredQueryMapper`)\n");
        b.append("- new: `AdhocQueryRequestReader.read` (StAX) + `XdsMessages.readQuery` (`StoredQueryReader`)\n");
        b.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append('\n');
        b.append("- warm-up: ").append(WARM_UP).append(" requests each; then ").append(ROUNDS).append(" rounds of ")
                .append(PER_ROUND).append(" requests each, old and new alternating\n");
        b.append("- load average before: ").append(loadBefore).append('\n');
        b.append("- load average after: ").append(loadAfter).append("\n\n");
        ThreadCpuRounds.table(b, "request", "old (JAXB + IPF)", oldMicros, "new (StAX + StoredQueryReader)", newMicros, sink);
        System.out.print(b);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), b.toString());
        }
    }

    private static XMLStreamReader at(XMLInputFactory stax, byte[] request) throws Exception {
        XMLStreamReader r = stax.createXMLStreamReader(new ByteArrayInputStream(request), "UTF-8");
        while (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
            r.next();
        }
        return r;
    }
}
