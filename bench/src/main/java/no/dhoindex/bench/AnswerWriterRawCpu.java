package no.dhoindex.bench;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.wire.QueryAnswerWriter;

/**
 * The CPU of writing a FindDocuments answer of 10 and of 40 full DocumentEntries ({@link AnswerWriterCpu#entries})
 * on one thread (thread CPU time) into a Woodstox writer as CXF makes one (the default XMLOutputFactory on a byte
 * stream in UTF-8, flushed): {@link QueryAnswerWriter}'s StAX calls ({@code writeByStaxCalls}) against its XML text
 * handed to Woodstox raw ({@code write}). Rounds of the two alternate, so that both see the same machine.
 * {@code mvn -o -q -pl bench exec:java -Dexec.mainClass=no.dhoindex.bench.AnswerWriterRawCpu -Dexec.args="RESULT_FILE"}
 * (or java with the module's classpath); {@code -DwarmUp=}, {@code -Drounds=}, {@code -DperRound=} are answers of 10
 * entries, a quarter as many of 40.
 */
public final class AnswerWriterRawCpu {

    private static final int WARM_UP = Integer.getInteger("warmUp", 20_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 10);
    private static final int PER_ROUND = Integer.getInteger("perRound", 4_000);

    private AnswerWriterRawCpu() {
    }

    public static void main(String[] args) throws Exception {
        XMLOutputFactory stax = XMLOutputFactory.newInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        StringBuilder b = new StringBuilder();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        b.append("# Answer writer: StAX calls vs raw text into Woodstox\n\n");
        b.append("ITI-18 AdhocQueryResponse (LeafClass) of full DocumentEntries written by `QueryAnswerWriter` into a ")
                .append(stax.getClass().getName()).append(" writer on a ByteArrayOutputStream (UTF-8, flushed), ")
                .append("one thread, thread CPU time; rounds alternate.\n\n");
        b.append("- stax: `QueryAnswerWriter.writeByStaxCalls` (every element, attribute and text a StAX call)\n");
        b.append("- raw: `QueryAnswerWriter.write` (root by StAX, the rest as own XML text via `writeRaw`)\n");
        b.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append('\n');
        b.append("- load average before: ").append(loadBefore).append("\n\n");
        long sink = 0;
        for (int entries : new int[] {10, 40}) {
            QueryAnswer answer = QueryAnswer.success(new QueryResult(AnswerWriterCpu.entries(entries), List.of(),
                    List.of(), List.of()));
            Step byCalls = step(stax, out, w -> QueryAnswerWriter.writeByStaxCalls(answer, ReturnType.LEAF_CLASS, w));
            Step raw = step(stax, out, w -> QueryAnswerWriter.write(answer, ReturnType.LEAF_CLASS, w));
            int scale = entries / 10;
            int staxBytes = byCalls.run();
            int rawBytes = raw.run();
            for (int i = 0; i < WARM_UP / scale; i++) {
                sink += byCalls.run() + raw.run();
            }
            double[] staxMicros = new double[ROUNDS];
            double[] rawMicros = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                staxMicros[r] = ThreadCpuRounds.micros(PER_ROUND / scale, byCalls::run);
                rawMicros[r] = ThreadCpuRounds.micros(PER_ROUND / scale, raw::run);
            }
            b.append("## ").append(entries).append(" entries (stax ").append(staxBytes).append(" bytes, raw ")
                    .append(rawBytes).append(" bytes)\n\n");
            b.append("Warm-up ").append(WARM_UP / scale).append(" answers each; ").append(ROUNDS)
                    .append(" rounds of ").append(PER_ROUND / scale).append(" answers each.\n\n");
            ThreadCpuRounds.table(b, "answer", "stax (StAX calls)", staxMicros, "raw (own text + writeRaw)",
                    rawMicros, sink);
            b.append('\n');
        }
        b.append("- load average after: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
        System.out.print(b);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), b.toString());
        }
    }

    /** Writing the answer into a fresh Woodstox writer on {@code out}, flushed; the bytes written. */
    private static Step step(XMLOutputFactory stax, ByteArrayOutputStream out, Writing writing) {
        return () -> {
            out.reset();
            XMLStreamWriter w = stax.createXMLStreamWriter(out, "UTF-8");
            writing.write(w);
            w.flush();
            return out.size();
        };
    }

    private interface Step {
        int run() throws Exception;
    }

    private interface Writing {
        void write(XMLStreamWriter w) throws Exception;
    }
}
