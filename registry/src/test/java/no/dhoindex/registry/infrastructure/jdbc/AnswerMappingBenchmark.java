package no.dhoindex.registry.infrastructure.jdbc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * What a FindDocuments answer of 10 full entries costs the registry between the database and the XML writer: the
 * ten stored forms read back into domain records ({@link StoredForm}) and mapped to the ebRIM answer
 * ({@link XdsMessages#queryResponse}, IPF), in one thread, CPU time by {@link ThreadMXBean}. Not a test: run by hand
 * (BENCHMARKS.md, registry "Where the time goes") as {@code java -cp ... AnswerMappingBenchmark <label> <result file>}.
 */
public final class AnswerMappingBenchmark {

    private static final int ENTRIES = 10;
    /** Enough for the JIT to settle on a busy 2-core machine (with 30,000 some runs were still compiling). */
    private static final int WARM_UP = Integer.getInteger("warmUp", 100_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 10);
    private static final int PER_ROUND = 10_000;

    private AnswerMappingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        Path result = Path.of(args[1]);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        List<byte[]> stored = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            String uuid = String.format("urn:uuid:d0000000-0000-4000-8000-%012d", i);
            DocumentPointer d = StoredFormSamples.DISCHARGE.withId(new RegistryObjectId(uuid,
                    StoredFormSamples.HOSPITAL + ".4." + i, uuid, "1", null));
            stored.add(StoredForm.write(d));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += answer(stored);
        }
        double[] cpuMicros = new double[ROUNDS];
        double[] wallMicros = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                sink += answer(stored);
            }
            cpuMicros[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / PER_ROUND;
            wallMicros[r] = (System.nanoTime() - wall) / 1000.0 / PER_ROUND;
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        double[] sortedCpu = cpuMicros.clone();
        Arrays.sort(sortedCpu);
        double[] sortedWall = wallMicros.clone();
        Arrays.sort(sortedWall);
        StringBuilder b = new StringBuilder();
        b.append("# Registry answer mapping: ").append(label).append("\n\n");
        b.append("FindDocuments answer of ").append(ENTRIES).append(" full DocumentEntries (StoredFormSamples.DISCHARGE,")
                .append(" ten entryUUIDs): stored form read + mapping to the ebRIM AdhocQueryResponse (IPF), one thread.\n\n");
        b.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append('\n');
        b.append("- stored form version written: ").append(stored.get(0)[0]).append(", bytes per entry: ")
                .append(stored.get(0).length).append('\n');
        b.append("- warm-up: ").append(WARM_UP).append(" answers; then ").append(ROUNDS).append(" rounds of ")
                .append(PER_ROUND).append(" answers\n");
        b.append("- load average before: ").append(loadBefore).append('\n');
        b.append("- load average after: ").append(loadAfter).append("\n\n");
        b.append("| measure | median of rounds | min | max |\n|---|---|---|---|\n");
        b.append(String.format("| CPU per answer (µs) | %.1f | %.1f | %.1f |%n", sortedCpu[ROUNDS / 2], sortedCpu[0],
                sortedCpu[ROUNDS - 1]));
        b.append(String.format("| wall time per answer (µs) | %.1f | %.1f | %.1f |%n", sortedWall[ROUNDS / 2],
                sortedWall[0], sortedWall[ROUNDS - 1]));
        b.append("\nRounds, CPU µs per answer: ").append(Arrays.toString(cpuMicros)).append('\n');
        b.append("(checksum ").append(sink).append(")\n");
        Files.writeString(result, b.toString());
        System.out.print(b);
    }

    private static long answer(List<byte[]> stored) {
        List<DocumentPointer> documents = new ArrayList<>(stored.size());
        for (byte[] s : stored) {
            documents.add(StoredForm.document(s));
        }
        AdhocQueryResponse wire = XdsMessages.queryResponse(new QueryResult(documents, List.of(), List.of(), List.of()),
                ReturnType.LEAF_CLASS);
        return wire.getRegistryObjectList().getIdentifiable().size();
    }
}
