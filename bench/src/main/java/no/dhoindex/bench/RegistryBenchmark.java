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
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Postgres;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SystemCaller;
import no.dhoindex.testsupport.XdsActions;
import no.dhoindex.testsupport.XuaCaller;

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
    /** The registry's settings besides the checks (database, pool, data directory). */
    private final Map<String, String> props = new LinkedHashMap<>();
    private Path root;
    private Path work;
    private String schema;
    private PayaraMicroProcess server;
    private URI registry;
    private long serverPid;
    private boolean checksOn;
    /** The organisation's system registering with the checks on (its token from the trust anchor beside the registry). */
    private SystemCaller registrant;
    private XuaCaller xua;
    private long loaded;
    /** The latencies of the first registration phase (sets of 1): the figures of a durable-commit run. */
    private Latencies firstLoad;
    /** --loaders N: the registration clients of every registration phase (4 unless told). */
    private int loaders;

    private RegistryBenchmark(Map<String, String> options) {
        this.options = options;
        int patientCount = Integer.parseInt(options.getOrDefault("patients", "10000"));
        this.patients = SyntheticPatients.first(patientCount);
        // --seed: the same entries (uniqueIds, patients, codes, times) in every run with the same seed.
        this.factory = new SubmissionFactory(options.getOrDefault("seed", "17"), patients);
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
        // --loaders N: registration clients; each waits for its own durable commit, so with sets of 1 the clients bound
        // the rate as much as the registry does (16 shows what the registry does when enough sources send at once).
        loaders = Integer.parseInt(options.getOrDefault("loaders", "4"));
        if (loaders < 1) {
            throw new IllegalArgumentException("--loaders is at least 1, not " + loaders);
        }
        // --checks off|on|both: the registry's own work, with every check of a real deployment, or each in turn.
        String checks = options.getOrDefault("checks", "both");
        if (!List.of("off", "on", "both").contains(checks)) {
            throw new IllegalArgumentException("--checks is off, on or both, not " + checks);
        }
        Path root = Path.of(options.getOrDefault("root", "..")).toAbsolutePath().normalize();
        work = root.resolve("target/bench-" + db);
        deleteTree(work);
        String loadBefore = Machine.loadAverages();
        props.put("dho.data.dir", work.resolve("data").toString());
        if (db.equals("postgres")) {
            // --reuse SCHEMA: the registry's tables as an earlier run with --schema keep left them (the same --entries,
            // --patients and --seed), queried without loading again; --schemaPrefix: a fresh schema's name.
            schema = options.containsKey("reuse") ? options.get("reuse")
                    : Postgres.freshSchema(options.getOrDefault("schemaPrefix", "registry_bench"));
            ProvideBenchmark.postgres(props, "dho.registry.db", schema);
        }
        // --h2WriteDelay 500: H2 as it was before durable commits (issue 12), for the before/after figures.
        String writeDelay = options.get("h2WriteDelay");
        if (db.equals("h2") && writeDelay != null) {
            props.put("dho.registry.db.url", "jdbc:h2:file:" + work.resolve("data") + "/registry;DB_CLOSE_ON_EXIT=FALSE"
                    + ";WRITE_DELAY=" + Integer.parseInt(writeDelay));
        }
        props.put("dho.registry.db.poolSize", options.getOrDefault("pool", "16"));
        // --set key=value,key=value: further registry settings (README "Settings"), named in the result file's command.
        for (String setting : options.getOrDefault("set", "").split(",")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                props.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
            } else if (!setting.isBlank()) {
                throw new IllegalArgumentException("--set takes key=value pairs, not " + setting);
            }
        }
        this.root = root;
        // The tests' gateway: its XUA signing key, its certificate in the registry's trust store before it starts.
        xua = new XuaCaller(work.resolve("xua-bench-gateway"), work.resolve("data").resolve("xua-trusted"));
        try {
            boolean on = checks.equals("on");
            start(on);
            line("# Registry benchmark: " + db + (writeDelay == null ? "" : " (WRITE_DELAY=" + writeDelay + ")") + ", "
                    + entries + " entries, " + patients.size() + " patients, checks " + checks);
            line("");
            line("Started " + Instant.now() + "; machine: " + Machine.facts() + "; " + loaders + " loading clients;"
                    + " load average (1, 5, 15 min) before Payara started: " + loadBefore + ".");
            line("");
            line("Command: `RegistryBenchmark " + options.get("command") + "`");
            line("");
            line("Checks off: `dho.registry.xua=off`, `dho.registry.registrations=off` (the registry's own work). Checks on:"
                    + " every query with a signed XUA assertion of a trusted gateway naming the query's patient (signature,"
                    + " policy and patient binding checked, one access-log record committed per query), every registration"
                    + " under the demo municipality's DPoP-bound system token (verified, proof replay-checked, the"
                    + " pointers' source, repository and author checked against the organisation). The server is restarted"
                    + " on the same database to change mode. CPU per query or per entry: the registry process (/proc) and"
                    + " the benchmark client (JMX), and with PostgreSQL every local process named postgres (/proc, with"
                    + " the children they reaped: the server's backends, whoever they serve), each over the phase's timed"
                    + " window; machine idle: the idle and iowait share of all cores' time (/proc/stat) in that window.");
            line("");
            line("| phase | checks | entries in registry | result |");
            line("|---|---|---|---|");

            // --phases register: registration alone (the durable-commit figures: queries do not commit).
            boolean queries = !"register".equals(options.get("phases"));
            // Sets of 1 first (the worst case per entry), then sets of 10 up to each checkpoint. --singles N: that many
            // in sets of 1 (10,000 unless told; fewer leaves more of a short run to sets of 10).
            long singles = Long.parseLong(options.getOrDefault("singles", "10000"));
            if (options.containsKey("reuse")) {
                // Queries only, in the mode --checks starts the server in (off with both).
                if (schema == null || !queries) {
                    throw new IllegalArgumentException("--reuse takes a PostgreSQL schema and query phases");
                }
                loaded = entries;
                line(String.format(Locale.ROOT, "| database size (reused schema %s) | %s | %d | %.1f MB |", schema,
                        checksOn ? "on" : "off", loaded, databaseMegabytes()));
                queries(true);
            } else {
                loaded += load(Math.min(singles, entries), 1, loaders, "register, sets of 1");
                if (!queries) {
                    if (loaded < entries) {
                        loaded += load(entries - loaded, 10, loaders, "register, sets of 10");
                    }
                } else {
                    List<Long> checkpoints = new ArrayList<>();
                    for (long c : new long[]{10_000, 100_000, 1_000_000}) {
                        if (c < entries) {
                            checkpoints.add(c);
                        }
                    }
                    checkpoints.add(entries);
                    for (int k = 0; k < checkpoints.size(); k++) {
                        long checkpoint = checkpoints.get(k);
                        boolean last = k == checkpoints.size() - 1;
                        if (loaded < checkpoint) {
                            loaded += load(checkpoint - loaded, 10, loaders, "register, sets of 10");
                        }
                        // The queries at this size in the mode the server is in, then in the other (one restart per size:
                        // the load to the next size goes on in that mode, so registration is measured both ways at scale);
                        // at the last size short registration phases in each mode.
                        line(String.format(Locale.ROOT, "| database size | %s | %d | %.1f MB |", checksOn ? "on" : "off",
                                loaded, databaseMegabytes()));
                        queries(last);
                        if (last) {
                            registrations();
                        }
                        if (checks.equals("both")) {
                            start(!checksOn);
                            queries(last);
                            if (last) {
                                registrations();
                            }
                        }
                    }
                }
            }
            String loadAfter = Machine.loadAverages();
            double size = databaseMegabytes();
            line("");
            line(String.format(Locale.ROOT, "Payara Micro resident memory (VmRSS): %d MB; database size: %.1f MB;"
                    + " load average (1, 5, 15 min) after: %s.", rssMegabytes(server.pid()), size, loadAfter));
            if (firstLoad != null) {
                line("");
                line("Registration in sets of 1 (the first phase; per entry one request, one transaction, one commit):");
                line("");
                Figures.of(firstLoad, size, Double.parseDouble(loadBefore.split(" ")[0]),
                        Double.parseDouble(loadAfter.split(" ")[0])).table("entries").forEach(this::line);
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (schema != null && !"keep".equals(options.get("schema")) && !options.containsKey("reuse")) {
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

    /** PostgreSQL: the schema's tables and indexes; H2: the registry's files. */
    private double databaseMegabytes() throws Exception {
        return schema != null ? Machine.schemaMegabytes(schema) : Machine.filesMegabytes(work.resolve("data"), "registry");
    }

    /** The queries at one size: at the last size with 1, 4 and 16 clients, at the earlier ones with one. */
    private void queries(boolean last) throws Exception {
        // --queries N: fewer (or more) queries per phase than the 4,000 (2,000 at the earlier sizes) of the figures.
        int many = Integer.parseInt(options.getOrDefault("queries", "4000"));
        warmUp(many / 2);
        // --idle S: the registry's CPU while nobody asks it anything for S seconds, once warm (its background work:
        // at one client it is charged to the queries of the phase as much as at sixteen, over fewer of them).
        int idle = Integer.parseInt(options.getOrDefault("idle", "0"));
        if (idle > 0) {
            long cpu = processCpuNanos(serverPid);
            long t0 = System.nanoTime();
            Thread.sleep(idle * 1000L);
            double seconds = (System.nanoTime() - t0) / 1e9;
            line(String.format(Locale.ROOT, "| registry idle (%.0f s) | %s | %d | %.1f ms of CPU per second; load"
                    + " average %s |", seconds, checksOn ? "on" : "off", loaded,
                    (processCpuNanos(serverPid) - cpu) / 1e6 / seconds, Machine.loadAverages()));
        }
        measureFind("FindDocuments, 1 client", 1, last ? many : many / 2);
        measureGet("GetDocuments by uniqueId, 1 client", 1, last ? many : many / 2);
        if (last) {
            for (int clients : new int[]{4, 16}) {
                measureFind("FindDocuments, " + clients + " clients", clients, many);
            }
            measureGet("GetDocuments by uniqueId, 16 clients", 16, many);
        }
    }

    /** Short registration phases that add entries at this size: sets of 1, then sets of 10, with the --loaders clients. */
    private void registrations() throws Exception {
        loaded += load(2_000, 1, loaders, "register, sets of 1");
        loaded += load(20_000, 10, loaders, "register, sets of 10");
    }

    /** (Re)starts the registry (with the trust anchor its organisations' systems get tokens from) on the same database. */
    private void start(boolean checks) throws Exception {
        if (server != null) {
            server.close();
        }
        Map<String, String> all = new LinkedHashMap<>();
        // The demo's settings for the municipality alone (its arcs, its systems at the trust anchor, the XUA trust store).
        int port = PayaraMicroProcess.freePort();
        System.setProperty("dho.demo.dir", System.getProperty("dho.demo.dir", root.resolve("demo").toString()));
        all.putAll(DemoConfiguration.oneJvm("http://127.0.0.1:" + port, work.resolve("data"),
                DemoOrganisations.demo().only("kommune")));
        all.putAll(props);
        all.put("dho.registry.xua", checks ? "required" : "off");
        all.put("dho.registry.registrations", checks ? "required" : "off");
        // No fixed deadline: the start is waited for while Payara lives and works towards readiness (a full H2 file
        // opens slowly on a busy machine); --startMinutes sets one.
        Duration deadline = options.containsKey("startMinutes")
                ? Duration.ofMinutes(Long.parseLong(options.get("startMinutes"))) : Duration.ofDays(1);
        server = PayaraMicroProcess.start(root.resolve("target/dho/payara-micro.jar"),
                List.of(new PayaraMicroProcess.Deployment(root.resolve("registry/target/registry.war"), "/registry"),
                        new PayaraMicroProcess.Deployment(root.resolve("trust-anchor/target/trust-anchor.war"), "/trust")),
                all, work, List.of("/registry/services/registry?wsdl", "/trust/.well-known/openid-configuration"),
                deadline, port);
        registry = server.uri("/registry/services/registry");
        serverPid = server.pid();
        checksOn = checks;
        registrant = checks ? new SystemCaller(server.uri("/trust"), "kommune-adapter", SystemCaller.REGISTER) : null;
    }

    /** Both query paths run a while before anything is measured: the JIT compiles them (a new JVM after each restart). */
    private void warmUp(int queries) throws Exception {
        measure(4, queries, this::findQuery);
        measure(4, queries, this::getQuery);
    }

    /** Registers {@code count} entries in sets of {@code setSize} with {@code clients} threads. */
    private long load(long count, int setSize, int clients, String label) throws Exception {
        long before = loaded;
        AtomicLong next = new AtomicLong();
        long submissions = count / setSize;
        long[] samples = new long[(int) submissions];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long serverCpuBefore = processCpuNanos(serverPid);
        long clientCpuBefore = ownCpuNanos();
        ProcCpu.Reading machineBefore = ProcCpu.read(database());
        long started = System.nanoTime();
        List<Future<Long>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                long registered = 0;
                for (long s = next.getAndIncrement(); s < submissions; s = next.getAndIncrement()) {
                    String body = factory.submission(before + s * setSize, setSize);
                    long t0 = System.nanoTime();
                    Soap.Reply reply = registrant != null ? registrant.register(registry, body)
                            : Soap.call(registry, XdsActions.ITI_42, body);
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
        String outside = outside(machineBefore, registered);
        double serverCpu = (processCpuNanos(serverPid) - serverCpuBefore) / 1e6 / registered;
        double clientCpu = (ownCpuNanos() - clientCpuBefore) / 1e6 / registered;
        Latencies l = new Latencies(samples, seconds, setSize, serverCpu, clientCpu);
        if (firstLoad == null) {
            firstLoad = l;
        }
        // Registry alone: as for queries, the registry's CPU per entry with both cores to itself (computed, not measured).
        line(String.format(Locale.ROOT, "| %s (%d clients) | %s | %d → %d | %.0f entries/s (%.1f s); per request median"
                + " %.1f ms, p95 %.1f ms, p99 %.1f ms; CPU per entry: server %.2f ms, benchmark client %.2f ms%s;"
                + " registry alone on 2 cores ≈ %.0f entries/s |", label, clients, checksOn ? "on" : "off", before,
                before + registered, registered / seconds, seconds, l.medianMillis(), l.p95Millis(), l.p99Millis(),
                serverCpu, clientCpu, outside, l.registryAlonePerSecond(2)));
        return registered;
    }

    /**
     * A query, the patient it is about (whom a checks-on query's XUA assertion names and every entry of its answer must
     * be of), and the number of entries its answer must hold (-1: any).
     */
    private record Query(String body, String patient, int entries) {
    }

    private Query findQuery(int i) {
        String patient = patients.get((i * 7919) % patients.size());
        String classCode = SubmissionFactory.CLASS_CODES.get(i % SubmissionFactory.CLASS_CODES.size());
        return new Query(StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", "'" + patient + "^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO'")
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')")
                .slot("$XDSDocumentEntryClassCode", "('" + classCode + "^^2.16.578.1.12.4.1.1.9602')")
                .slot("$XDSDocumentEntryCreationTimeFrom", "20250101")
                .slot("$XDSDocumentEntryCreationTimeTo", "20250701").build(), patient, -1);
    }

    private Query getQuery(int i) {
        long n = (i * 104729L) % loaded;
        return new Query(StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", "('" + factory.documentUniqueId(n) + "')").build(),
                factory.patientOf(n), 1);
    }

    private void measureFind(String label, int clients, int queries) throws Exception {
        result(label, clients, measure(clients, queries, this::findQuery));
    }

    private void measureGet(String label, int clients, int queries) throws Exception {
        result(label, clients, measure(clients, queries, this::getQuery));
    }

    private void result(String label, int clients, Latencies l) {
        // With more than one client the machine is saturated; were the client's CPU elsewhere, the registry's two
        // cores would answer 2 cores / registry CPU per query (an estimate from measured CPU, not a measurement).
        String alone = clients > 1 ? String.format(Locale.ROOT, "; registry alone on 2 cores ≈ %.0f queries/s",
                l.registryAlonePerSecond(2)) : "";
        line(String.format(Locale.ROOT, "| %s | %s | %d | median %.2f ms, p99 %.2f ms, %.0f queries/s, %.1f entries per"
                + " answer; CPU per query: server %.2f ms, benchmark client %.2f ms%s%s |", label, checksOn ? "on" : "off",
                loaded, l.medianMillis(), l.p99Millis(), l.perSecond(), l.meanReturned(), l.serverCpuMillis(),
                l.clientCpuMillis(), lastOutside, alone));
    }

    /**
     * Runs {@code total} queries spread over {@code clients} threads after a short warm-up. With the checks on, each
     * carries a signed XUA header for its patient, made before the clock starts (a gateway's work, not the
     * registry's; one assertion per patient, reused for up to four of its five minutes).
     */
    private Latencies measure(int clients, int total, IntFunction<Query> query) throws Exception {
        PreparedQuery[] prepared = new PreparedQuery[total];
        String[] bodies = new String[total];
        String[] patients = new String[total];
        int[] expected = new int[total];
        String[] headers = new String[total];
        for (int i = 0; i < total; i++) {
            Query q = query.apply(i + 1000);
            bodies[i] = q.body();
            patients[i] = q.patient();
            expected[i] = q.entries();
            headers[i] = checksOn ? header(q.patient()) : null;
            prepared[i] = new PreparedQuery(registry, q.body(), headers[i], q.patient());
        }
        for (int i = 0; i < 500; i++) {
            Query q = query.apply(i);
            new PreparedQuery(registry, q.body(), checksOn ? header(q.patient()) : null, q.patient()).ask();
        }
        long[] samples = new long[total];
        AtomicLong next = new AtomicLong();
        AtomicLong returned = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long serverCpuBefore = processCpuNanos(serverPid);
        long clientCpuBefore = ownCpuNanos();
        ProcCpu.Reading machineBefore = ProcCpu.read(database());
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = (int) next.getAndIncrement(); i < total; i = (int) next.getAndIncrement()) {
                    // Made above, before the clock; only a phase longer than four minutes (a loaded machine) makes new ones.
                    PreparedQuery asked = prepared[i];
                    if (checksOn && header(patients[i]) != headers[i]) {
                        asked = new PreparedQuery(registry, bodies[i], header(patients[i]), patients[i]);
                    }
                    long t0 = System.nanoTime();
                    // checked: HTTP 200, a Success AdhocQueryResponse, every entry of the patient; counted: its
                    // DocumentEntries (one StAX pass)
                    int entries = asked.ask();
                    samples[i] = System.nanoTime() - t0;
                    if (expected[i] >= 0 && entries != expected[i]) {
                        throw new IllegalStateException("Query " + i + " answered " + entries + " entries, not "
                                + expected[i]);
                    }
                    returned.addAndGet(entries);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        lastOutside = outside(machineBefore, total);
        double serverCpuMillisPerQuery = (processCpuNanos(serverPid) - serverCpuBefore) / 1e6 / total;
        double clientCpuMillisPerQuery = (ownCpuNanos() - clientCpuBefore) / 1e6 / total;
        return new Latencies(samples, seconds, (double) returned.get() / total, serverCpuMillisPerQuery,
                clientCpuMillisPerQuery);
    }

    /** What {@link #measure} read of PostgreSQL and the machine, for {@link #result} to print. */
    private String lastOutside = "";

    /**
     * The phase's CPU outside the registry and the client, from {@code before} to now: the local PostgreSQL server's per
     * entry or query (with --db postgres: the registry's database on this machine, with whatever else it serves then),
     * and the machine's idle share (near 0: the phase was bound by CPU; well above: by waiting).
     */
    private String outside(ProcCpu.Reading before, long units) throws IOException {
        ProcCpu.Reading now = ProcCpu.read(database());
        String postgres = schema == null ? "" : String.format(Locale.ROOT, ", PostgreSQL %.2f ms (the backends"
                + " connected to database %s %.2f ms)", now.postgresMillisSince(before) / units, database(),
                now.databaseMillisSince(before) / units);
        return String.format(Locale.ROOT, "%s; machine idle %.0f%%", postgres, 100 * now.idleShareSince(before));
    }

    /**
     * The registry's PostgreSQL database (the path of {@link Postgres#URL}), whose backends' CPU is given apart: on a
     * server others use too, that is the registry's share when the database is the benchmark's alone
     * ({@code -Ddho.test.postgres.url=jdbc:postgresql://127.0.0.1:5432/<own database>}); null with H2.
     */
    private String database() {
        if (schema == null) {
            return null;
        }
        String path = URI.create(Postgres.URL.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    private record Header(String xml, Instant made) {
    }

    private final Map<String, Header> headers = new java.util.concurrent.ConcurrentHashMap<>();

    /** A WS-Security header with an assertion (lifetime five minutes) for a query about {@code fnr}. */
    private String header(String fnr) {
        Header h = headers.get(fnr);
        if (h == null || Duration.between(h.made(), Instant.now()).toMinutes() >= 4) {
            h = new Header(xua.headerFor(fnr + "^^^&2.16.578.1.12.4.1.4.1&ISO", XuaCaller.REGISTRY), Instant.now());
            headers.put(fnr, h);
        }
        return h.xml();
    }

    /**
     * utime + stime of a process from /proc (clock ticks of 10 ms on Linux), without its JIT compiler threads: their
     * work is the JVM warming up after a (re)start, not the work of the queries or registrations of a phase.
     */
    static long processCpuNanos(long pid) throws IOException {
        long total = ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith("C2 CompilerThre")
                            || Files.readString(task.resolve("comm")).startsWith("C1 CompilerThre")) {
                        total -= ticks(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return total * 10_000_000L;
    }

    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The benchmark client's own CPU, measured as the registry's (its compiler threads left out). */
    private static long ownCpuNanos() throws IOException {
        return processCpuNanos(ProcessHandle.current().pid());
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
