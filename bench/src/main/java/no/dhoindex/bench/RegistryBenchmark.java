package no.dhoindex.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;

/**
 * The registry benchmark (BENCHMARKS.md): loads DocumentEntries for many patients through ITI-42
 * over HTTP and measures registration throughput, FindDocuments and GetDocuments latency and
 * throughput at 1/4/16 clients, latency as the registry grows, resident memory and database size.
 *
 * <pre>mvn -q -pl bench -am package -DskipTests &amp;&amp; mvn -q -pl bench exec:java -Dexec.args="--db h2 --entries 1000000"</pre>
 */
public final class RegistryBenchmark {

    private final Map<String, String> options;
    private final List<String> report = new ArrayList<>();
    private final List<String> patients;
    private final SubmissionFactory factory;
    private URI registry;
    private long serverPid;
    /** The latencies of the first registration phase (sets of 1): the figures of a durable-commit run. */
    private Latencies firstLoad;

    private RegistryBenchmark(Map<String, String> options) {
        this.options = options;
        int patientCount = Integer.parseInt(options.getOrDefault("patients", "10000"));
        this.patients = SyntheticPatients.first(patientCount);
        this.factory = new SubmissionFactory(Long.toString(System.currentTimeMillis()));
    }

    /**
     * {@code [gateway|provide|freshness|fhir] --option value …}: the registry benchmark, or with {@code gateway} the
     * gateway's, or with {@code provide} ITI-41 through a repository adapter ({@link ProvideBenchmark}).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        boolean gateway = false;
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.remove("gateway")) {
            gateway = true;
        }
        rest.remove("registry");
        boolean provide = rest.remove("provide");
        boolean freshness = rest.remove("freshness");
        boolean fhir = rest.remove("fhir");
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            options.put(rest.get(i).replaceFirst("^--", ""), rest.get(i + 1));
        }
        // The result file names the command it came from.
        options.put("command", (provide ? "provide " : "") + String.join(" ", rest));
        if (freshness || fhir) {
            options.put("command", String.join(" ", rest));
        }
        try {
            if (freshness) {
                new FreshnessBenchmark(options).run();
            } else if (fhir) {
                new FhirBenchmark(options).run();
            } else if (gateway) {
                new GatewayBenchmark(options).run();
            } else if (provide) {
                new ProvideBenchmark(options).run();
            } else {
                new RegistryBenchmark(options).run();
            }
            System.exit(0);
        } catch (Exception | Error e) {
            // exec:java would otherwise wait for the loader threads and never show why the run stopped.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        String db = options.getOrDefault("db", "h2");
        long entries = Long.parseLong(options.getOrDefault("entries", "1000000"));
        int loaders = Integer.parseInt(options.getOrDefault("loaders", "4"));
        Path root = Path.of(options.getOrDefault("root", "..")).toAbsolutePath().normalize();
        Path work = root.resolve("target/bench-" + db);
        deleteTree(work);
        String loadBefore = Machine.loadAverages();
        String schema = null;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("dho.data.dir", work.resolve("data").toString());
        if (db.equals("postgres")) {
            schema = Postgres.freshSchema("registry_bench");
            ProvideBenchmark.postgres(props, "dho.registry.db", schema);
        }
        // --h2WriteDelay 500: H2 as it was before durable commits (issue 12), for the before/after figures.
        String writeDelay = options.get("h2WriteDelay");
        if (db.equals("h2") && writeDelay != null) {
            props.put("dho.registry.db.url", "jdbc:h2:file:" + work.resolve("data") + "/registry;DB_CLOSE_ON_EXIT=FALSE"
                    + ";WRITE_DELAY=" + Integer.parseInt(writeDelay));
        }
        props.put("dho.registry.db.poolSize", options.getOrDefault("pool", "16"));
        // The figures in BENCHMARKS.md measure the registry without XUA checks or registration tokens
        // (it logs that it runs so): the pointer store and the stored queries themselves.
        props.put("dho.registry.xua", options.getOrDefault("xua", "off"));
        props.put("dho.registry.registrations", options.getOrDefault("registrations", "off"));
        try (PayaraMicroProcess server = PayaraMicroProcess.start(root.resolve("target/dho/payara-micro.jar"),
                List.of(new PayaraMicroProcess.Deployment(root.resolve("registry/target/registry.war"), "/registry")),
                props, work, List.of("/registry/services/registry?wsdl", "/health"),
                // A shared two-core machine can need far more than a quiet one to deploy: --startMinutes.
                Duration.ofMinutes(Long.parseLong(options.getOrDefault("startMinutes", "10"))))) {
            registry = server.uri("/registry/services/registry");
            serverPid = server.pid();
            line("# Registry benchmark: " + db + (writeDelay == null ? "" : " (WRITE_DELAY=" + writeDelay + ")") + ", "
                    + entries + " entries, " + patients.size() + " patients");
            line("");
            line("Started " + Instant.now() + "; machine: " + Machine.facts() + "; " + loaders + " loading clients;"
                    + " load average (1, 5, 15 min) before Payara started: " + loadBefore + ".");
            line("");
            line("Command: `RegistryBenchmark " + options.get("command") + "`");
            line("");
            line("| phase | entries in registry | result |");
            line("|---|---|---|");

            // --phases register: registration alone (the durable-commit figures: queries do not commit).
            boolean queries = !"register".equals(options.get("phases"));
            long loaded = 0;
            // Sets of 1 first (the worst case per entry), then sets of 10 up to each checkpoint.
            long singles = Math.min(10_000, entries);
            loaded += load(singles, 1, loaders, "register, sets of 1", loaded);
            if (queries) {
                measureFind("FindDocuments, 1 client", loaded, 1, 2000);
                // One entry per answer at every size: shows what the index costs as the registry grows.
                measureGet("GetDocuments by uniqueId, 1 client", loaded, 1, 2000);
                for (long checkpoint : new long[]{100_000, 1_000_000}) {
                    if (entries >= checkpoint) {
                        loaded += load(checkpoint - loaded, 10, loaders, "register, sets of 10", loaded);
                        measureFind("FindDocuments, 1 client", loaded, 1, 2000);
                        measureGet("GetDocuments by uniqueId, 1 client", loaded, 1, 2000);
                    }
                }
                if (loaded < entries) {
                    loaded += load(entries - loaded, 10, loaders, "register, sets of 10", loaded);
                }
                for (int clients : new int[]{1, 4, 16}) {
                    measureFind("FindDocuments, " + clients + " clients", loaded, clients, 4000);
                }
                for (int clients : new int[]{1, 16}) {
                    measureGet("GetDocuments by uniqueId, " + clients + " clients", loaded, clients, 4000);
                }
            } else if (loaded < entries) {
                loaded += load(entries - loaded, 10, loaders, "register, sets of 10", loaded);
            }
            String loadAfter = Machine.loadAverages();
            double size = db.equals("postgres") ? Machine.schemaMegabytes(schema) : Machine.filesMegabytes(work.resolve("data"), "");
            line("");
            line(String.format(Locale.ROOT, "Payara Micro resident memory (VmRSS): %d MB; database size: %.1f MB;"
                    + " load average (1, 5, 15 min) after: %s.", rssMegabytes(server.pid()), size, loadAfter));
            line("");
            line("Registration in sets of 1 (the first phase; per entry one request, one transaction, one commit):");
            line("");
            Figures.of(firstLoad, size, Double.parseDouble(loadBefore.split(" ")[0]),
                    Double.parseDouble(loadAfter.split(" ")[0])).table("entries").forEach(this::line);
        } finally {
            if (schema != null && !"keep".equals(options.get("schema"))) {
                Postgres.dropSchema(schema);
            }
        }
        Path out = root.resolve("bench/results");
        Files.createDirectories(out);
        // --label r1: one file per run when runs of the same settings are repeated.
        Path file = out.resolve("registry-" + db + "-" + entries
                + (writeDelay == null ? "" : "-writedelay" + writeDelay)
                + (options.containsKey("label") ? "-" + options.get("label") : "") + ".md");
        Files.write(file, report);
        System.out.println("Results written to " + file);
    }

    /** Registers {@code count} entries in sets of {@code setSize} with {@code clients} threads. */
    private long load(long count, int setSize, int clients, String label, long before) throws Exception {
        AtomicLong next = new AtomicLong();
        long submissions = count / setSize;
        long[] samples = new long[(int) submissions];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<Long>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                long registered = 0;
                for (long s = next.getAndIncrement(); s < submissions; s = next.getAndIncrement()) {
                    String patient = patients.get((int) ((before / setSize + s) % patients.size()));
                    String body = factory.submission(patient, setSize);
                    long t0 = System.nanoTime();
                    Soap.Reply reply = Soap.call(registry, XdsActions.ITI_42, body);
                    samples[(int) s] = System.nanoTime() - t0;
                    if (!reply.isSuccess()) {
                        throw new IllegalStateException("Registration failed: " + reply);
                    }
                    registered += setSize;
                }
                return registered;
            }));
        }
        long registered = 0;
        for (Future<Long> f : done) {
            registered += f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        Latencies l = new Latencies(samples, seconds, setSize, Double.NaN, Double.NaN);
        if (firstLoad == null) {
            firstLoad = l;
        }
        line(String.format(Locale.ROOT, "| %s (%d clients) | %d → %d | %.0f entries/s (%.1f s); per request median"
                + " %.1f ms, p95 %.1f ms, p99 %.1f ms |", label, clients, before, before + registered,
                registered / seconds, seconds, l.medianMillis(), l.p95Millis(), l.p99Millis()));
        return registered;
    }

    private void measureFind(String label, long loaded, int clients, int queries) throws Exception {
        Latencies l = measure(clients, queries, i -> {
            String patient = patients.get((i * 7919) % patients.size());
            String classCode = SubmissionFactory.CLASS_CODES.get(i % SubmissionFactory.CLASS_CODES.size());
            return StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                    .slot("$XDSDocumentEntryPatientId", "'" + patient + "^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO'")
                    .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                    .slot("$XDSDocumentEntryClassCode", "('" + classCode + "^^2.16.578.1.12.4.1.1.9602')")
                    .slot("$XDSDocumentEntryCreationTimeFrom", "20250101")
                    .slot("$XDSDocumentEntryCreationTimeTo", "20250701").build();
        });
        result(label, loaded, l);
    }

    private void measureGet(String label, long loaded, int clients, int queries) throws Exception {
        Latencies l = measure(clients, queries, i -> StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", "('" + factory.documentUniqueId((i * 104729L) % loaded) + "')")
                .build());
        result(label, loaded, l);
    }

    private void result(String label, long loaded, Latencies l) {
        line(String.format(Locale.ROOT, "| %s | %d | median %.2f ms, p99 %.2f ms, %.0f queries/s, %.1f entries per answer;"
                + " CPU per query: server %.2f ms, benchmark client %.2f ms |", label, loaded, l.medianMillis(),
                l.p99Millis(), l.perSecond(), l.meanReturned(), l.serverCpuMillis(), l.clientCpuMillis()));
    }

    /** Runs {@code total} queries spread over {@code clients} threads after a short warm-up. */
    private Latencies measure(int clients, int total, IntFunction<String> query) throws Exception {
        for (int i = 0; i < 200; i++) {
            Soap.call(registry, XdsActions.ITI_18, query.apply(i));
        }
        long[] samples = new long[total];
        AtomicLong next = new AtomicLong();
        AtomicLong returned = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long serverCpuBefore = processCpuNanos(serverPid);
        long clientCpuBefore = ownCpuNanos();
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = (int) next.getAndIncrement(); i < total; i = (int) next.getAndIncrement()) {
                    String body = query.apply(i + 1000);
                    long t0 = System.nanoTime();
                    Soap.Reply reply = Soap.call(registry, XdsActions.ITI_18, body);
                    samples[i] = System.nanoTime() - t0;
                    if (!reply.isSuccess()) {
                        throw new IllegalStateException("Query failed: " + reply);
                    }
                    returned.addAndGet(reply.count("ExtrinsicObject"));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        double serverCpuMillisPerQuery = (processCpuNanos(serverPid) - serverCpuBefore) / 1e6 / total;
        double clientCpuMillisPerQuery = (ownCpuNanos() - clientCpuBefore) / 1e6 / total;
        return new Latencies(samples, seconds, (double) returned.get() / total, serverCpuMillisPerQuery,
                clientCpuMillisPerQuery);
    }

    /** utime + stime of a process from /proc (clock ticks of 10 ms on Linux). */
    static long processCpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long rssMegabytes(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
