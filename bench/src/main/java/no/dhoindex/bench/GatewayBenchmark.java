package no.dhoindex.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XdsActions;

/**
 * The federated gateway against N simulated responding gateways on loopback (N = 1, 5, 20), each
 * answering after a fixed delay: end-to-end latency and throughput at 1 and 16 clients, and what a
 * source that never answers costs. The gateway runs alone on Payara Micro; its directory is a
 * watched file the benchmark rewrites between phases.
 */
public final class GatewayBenchmark {

    private static final Pattern CODE_CONTEXT = Pattern.compile("codeContext=\"([^\"]*)\" errorCode=\"([^\"]*)\"");
    private static final String PATIENT = "'15077510041^^^&amp;2.16.578.1.12.4.1.4.1&amp;ISO'";

    private final Map<String, String> options;
    private final List<String> report = new ArrayList<>();
    private URI gateway;
    private long gatewayPid;
    private Path directory;
    /** Answers of the last measurement that lacked a source, and the first one's error: see {@link #incomplete()}. */
    private final AtomicLong incomplete = new AtomicLong();
    private volatile String firstIncomplete;
    /** The last warm-up and measurement as the gateway's JIT saw them: see {@link #warmUp} and {@link #measure}. */
    private String warmUp = "";
    private String jitDuring = "";

    GatewayBenchmark(Map<String, String> options) {
        this.options = options;
    }

    void run() throws Exception {
        Set<String> rows = rows();
        Path root = Path.of(options.getOrDefault("root", "..")).toAbsolutePath().normalize();
        Duration delay = Duration.ofMillis(Long.parseLong(options.getOrDefault("delay", "50")));
        int entries = Integer.parseInt(options.getOrDefault("entries", "2"));
        long deadline = Long.parseLong(options.getOrDefault("deadline", "1000"));
        Path work = root.resolve("target/bench-gateway");
        RegistryBenchmark.deleteTree(work);
        Files.createDirectories(work);
        directory = work.resolve("communities.properties");
        ExecutorService simulatorThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "simulated-community");
            t.setDaemon(true);
            return t;
        });
        List<SimulatedCommunity> communities = new ArrayList<>();
        // The registry answers at once and names no repository, so every configured community is asked.
        try (SimulatedCommunity registry = new SimulatedCommunity("registry", "urn:oid:2.25.0", 0, Duration.ZERO,
                simulatorThreads);
             SimulatedCommunity silent = new SimulatedCommunity("silent", "urn:oid:2.25.999", entries, null,
                     simulatorThreads)) {
            for (int i = 1; i <= 20; i++) {
                communities.add(new SimulatedCommunity("community" + i, "urn:oid:2.25." + i, entries, delay,
                        simulatorThreads));
            }
            writeDirectory(communities.subList(0, 1), null, deadline);
            Map<String, String> props = new LinkedHashMap<>();
            props.put("dho.data.dir", work.resolve("data").toString());
            props.put("dho.registry.url", registry.uri().toString());
            props.put("dho.gateway.directory.file", directory.toString());
            props.put("dho.gateway.deadlineMillis", Long.toString(deadline * 2));
            // 16 clients × 20 communities in flight at once.
            props.put("dho.gateway.maxParallelCalls", "400");
            // The fan-out is measured here, not token checks: the gateway runs without them (it says so loudly).
            props.put("dho.gateway.security", "off");
            props.put("dho.trust.issuer", "http://127.0.0.1:1/unused");
            // Its XUA key, provisioned as the demo does; with security off the caller is unchecked and the
            // gateway issues no assertion, so signing is not in these figures.
            DemoConfiguration.Trust trust = DemoConfiguration.provisionTrust(work.resolve("data"));
            props.put("dho.gateway.xua.key", trust.gatewayKey().toString());
            props.put("dho.gateway.xua.certificate", trust.gatewayCertificate().toString());
            props.put("dho.xua.trustStore", trust.trustStore().toString());
            try (PayaraMicroProcess server = PayaraMicroProcess.start(root.resolve("target/dho/payara-micro.jar"),
                    List.of(new PayaraMicroProcess.Deployment(
                            // --gatewayWar: another build of the gateway (a before/after comparison on one harness).
                            Path.of(options.getOrDefault("gatewayWar", root.resolve("gateway/target/gateway.war")
                                    .toString())), "/gateway")),
                    props, work, List.of("/gateway/services/xca?wsdl"),
                    // Waits on readiness; the bound only says when to give up on a busy machine.
                    Duration.ofMinutes(Long.parseLong(options.getOrDefault("startMinutes", "10"))),
                    // --port: an engineer's own range on the shared machine; otherwise any free one.
                    Integer.parseInt(options.getOrDefault("port", "0")))) {
                gateway = server.uri("/gateway/services/xca");
                gatewayPid = server.pid();
                line("# Gateway benchmark: simulated responding gateways answering after " + delay.toMillis() + " ms");
                line("");
                line("Started " + Instant.now() + "; machine: " + Runtime.getRuntime().availableProcessors()
                        + " cores, Java " + System.getProperty("java.version") + "; " + entries
                        + " DocumentEntries per community answer; per-source deadline " + deadline + " ms; load average "
                        + Machine.loadAverages() + " at the start.");
                line("Before each measured row one client asks " + jitWarmUp().rule() + "; each row says its warm-up and what the JIT still"
                        + " compiled while it was measured (the gateway's `sun.ci.totalCompiles`, as `jstat -compiler`).");
                line("");
                if (options.containsKey("profileSeconds")) {
                    profile(communities);
                    return;
                }
                if (options.containsKey("timeline")) {
                    timeline(communities, delay);
                    return;
                }
                line("| communities | clients | result |");
                line("|---|---|---|");
                for (int n : new int[]{1, 5, 20}) {
                    writeDirectory(communities.subList(0, n), null, deadline);
                    for (int clients : new int[]{1, 16}) {
                        if (!rows.isEmpty() && !rows.contains(n + "x" + clients)) {
                            continue;
                        }
                        Latencies l = measure(clients, clients == 1 ? 300 : 1600, n * entries, "Success");
                        line(String.format(Locale.ROOT, "| %d | %d | median %.1f ms (%.1f ms over the slowest source),"
                                + " p99 %.1f ms, %.0f queries/s; gateway CPU %.2f ms per query%s; %s; %s |", n, clients,
                                l.medianMillis(), l.medianMillis() - delay.toMillis(), l.p99Millis(), l.perSecond(),
                                l.serverCpuMillis(), incomplete(clients == 1 ? 300 : 1600), warmUp, jitDuring));
                    }
                }
                // One source never answers: the first questions wait for its deadline, then its breaker opens.
                if (rows.isEmpty() || rows.contains("silent")) {
                    writeDirectory(communities.subList(0, 5), silent, deadline);
                    Latencies first = measure(1, 5, 5 * entries, "PartialSuccess");
                    line(String.format(Locale.ROOT, "| 5 + 1 silent | 1 | first 5 questions: median %.1f ms"
                            + " (deadline %d ms), PartialSuccess with XDSUnavailableCommunity |", first.medianMillis(),
                            deadline));
                    Latencies after = measure(1, 100, 5 * entries, "PartialSuccess");
                    line(String.format(Locale.ROOT, "| 5 + 1 silent | 1 | after the breaker opened: median %.1f ms,"
                            + " p99 %.1f ms, still PartialSuccess |", after.medianMillis(), after.p99Millis()));
                }
                line("");
                line((rows.isEmpty() ? "" : "Rows run: `--rows " + options.get("rows") + "`. ") + "Load average "
                        + Machine.loadAverages() + " at the end.");
            }
        } finally {
            communities.forEach(SimulatedCommunity::close);
        }
        Path out = root.resolve("bench/results");
        Files.createDirectories(out);
        Path file = out.resolve("gateway-" + delay.toMillis() + "ms.md");
        Files.write(file, report);
        System.out.println("Results written to " + file);
    }

    /**
     * {@code --rows 1x1,20x1[,silent]}: only these rows (communities x clients; {@code silent}: the silent-source
     * rows), for a before/after comparison that need not wait for every row's warm-up; empty: every row.
     */
    private Set<String> rows() {
        String given = options.getOrDefault("rows", "");
        Set<String> rows = new LinkedHashSet<>();
        for (String row : given.split(",")) {
            if (row.isBlank()) {
                continue;
            }
            if (!row.trim().matches("(1|5|20)x(1|16)|silent")) {
                throw new IllegalArgumentException("--rows takes NxC (N 1, 5 or 20; C 1 or 16) or silent, not " + row);
            }
            rows.add(row.trim());
        }
        return rows;
    }

    /**
     * {@code --profileSeconds S [--profileCommunities N] [--idleSeconds I]}: instead of the table, one client asks
     * the N communities (default 1) question after question for S seconds, then the gateway is left idle for I
     * seconds (default 30); each phase is announced with the gateway's pid, so its threads can be read from /proc,
     * jstack'ed and recorded (JFR) from outside. The figures printed are those of {@link #measure} over the phase.
     */
    private void profile(List<SimulatedCommunity> communities) throws Exception {
        int n = Integer.parseInt(options.getOrDefault("profileCommunities", "1"));
        long seconds = Long.parseLong(options.get("profileSeconds"));
        long idle = Long.parseLong(options.getOrDefault("idleSeconds", "30"));
        long deadline = Long.parseLong(options.getOrDefault("deadline", "1000"));
        writeDirectory(communities.subList(0, n), null, deadline);
        measure(1, 200, n * Integer.parseInt(options.getOrDefault("entries", "2")), "Success");
        line("PROFILE " + warmUp + "; " + jitDuring + " in the 200 questions after it");
        int total = (int) (seconds * 1000 / 50);
        line("PROFILE busy pid=" + gatewayPid + " communities=" + n + " questions=" + total + " at " + Instant.now());
        Latencies l = measure(1, total, n * Integer.parseInt(options.getOrDefault("entries", "2")), "Success");
        line(String.format(Locale.ROOT, "PROFILE busy done at %s: median %.1f ms, %.0f queries/s, gateway CPU %.2f ms"
                + " per query; %s", Instant.now(), l.medianMillis(), l.perSecond(), l.serverCpuMillis(), jitDuring));
        long cpuBefore = RegistryBenchmark.processCpuNanos(gatewayPid);
        line("PROFILE idle pid=" + gatewayPid + " for " + idle + " s at " + Instant.now());
        Thread.sleep(idle * 1000);
        line(String.format(Locale.ROOT, "PROFILE idle done at %s: gateway CPU %.1f ms per second idle", Instant.now(),
                (RegistryBenchmark.processCpuNanos(gatewayPid) - cpuBefore) / 1e6 / idle));
    }

    /**
     * {@code --timeline Q [--timelineCommunities N]} (default 20): instead of the table, after the usual warm-up one
     * client asks Q questions one at a time while the simulated sources record when each request arrived and each
     * answer was written; printed are the medians (and p90) over the questions of each step, in ms from the moment the
     * client began to send. Where the time between the slowest source and the client's answer goes, from outside the
     * gateway: the client's HTTP exchange and its parse of the answer are told apart.
     */
    private void timeline(List<SimulatedCommunity> communities, Duration delay) throws Exception {
        int n = Integer.parseInt(options.getOrDefault("timelineCommunities", "20"));
        int questions = Integer.parseInt(options.get("timeline"));
        long deadline = Long.parseLong(options.getOrDefault("deadline", "1000"));
        writeDirectory(communities.subList(0, n), null, deadline);
        String query = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", PATIENT)
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build();
        warmUp(query);
        line("Timeline at " + n + " communities, " + questions + " questions one at a time after " + warmUp);
        Map<String, long[]> steps = new LinkedHashMap<>();
        String[] names = {"registry request arrived", "registry answer written", "first community request arrived",
            "median community request arrived", "last community request arrived", "last community request read",
            "first community answer written", "median community answer written", "last community answer written",
            "client has the answer's bytes", "client has parsed the answer"};
        for (String name : names) {
            steps.put(name, new long[questions]);
        }
        for (int q = 0; q < questions; q++) {
            long[] received = new long[1];
            Timeline.start();
            long t0 = System.nanoTime();
            // The measured rows' client: its clock stops at the last byte, then it parses the answer into a DOM.
            Soap.Reply reply = Soap.call(gateway, XdsActions.ITI_18, query, in -> received[0] = in);
            long parsed = System.nanoTime();
            int entries = reply.count("ExtrinsicObject");
            if (entries != n * Integer.parseInt(options.getOrDefault("entries", "2"))) {
                throw new IllegalStateException("question " + q + ": " + entries + " entries in " + reply);
            }
            // Three events a source: the registry's and each community's.
            List<Timeline.Event> events = Timeline.stop(3 * (n + 1));
            List<Long> arrived = new ArrayList<>();
            List<Long> read = new ArrayList<>();
            List<Long> answered = new ArrayList<>();
            for (Timeline.Event e : events) {
                long at = e.nanos() - t0;
                if (e.source().equals("registry")) {
                    if (e.kind() != Timeline.Kind.READ) {
                        steps.get(e.kind() == Timeline.Kind.ARRIVED ? "registry request arrived"
                                : "registry answer written")[q] = at;
                    }
                    continue;
                }
                (e.kind() == Timeline.Kind.ARRIVED ? arrived : e.kind() == Timeline.Kind.READ ? read : answered).add(at);
            }
            if (arrived.size() != n || answered.size() != n) {
                throw new IllegalStateException("question " + q + ": " + arrived.size() + " requests and "
                        + answered.size() + " answers seen at " + n + " communities");
            }
            java.util.Collections.sort(arrived);
            java.util.Collections.sort(read);
            java.util.Collections.sort(answered);
            steps.get("first community request arrived")[q] = arrived.get(0);
            steps.get("median community request arrived")[q] = arrived.get(n / 2);
            steps.get("last community request arrived")[q] = arrived.get(n - 1);
            steps.get("last community request read")[q] = read.get(n - 1);
            steps.get("first community answer written")[q] = answered.get(0);
            steps.get("median community answer written")[q] = answered.get(n / 2);
            steps.get("last community answer written")[q] = answered.get(n - 1);
            steps.get("client has the answer's bytes")[q] = received[0] - t0;
            steps.get("client has parsed the answer")[q] = parsed - t0;
        }
        line("");
        line("| step (ms from the client's first byte) | median | p90 |");
        line("|---|---|---|");
        for (Map.Entry<String, long[]> step : steps.entrySet()) {
            long[] sorted = step.getValue().clone();
            java.util.Arrays.sort(sorted);
            line(String.format(Locale.ROOT, "| %s | %.2f | %.2f |", step.getKey(), sorted[sorted.length / 2] / 1e6,
                    sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)] / 1e6));
        }
        line("Source delay " + delay.toMillis() + " ms; load average " + Machine.loadAverages() + " at the end.");
    }

    /** The gateway re-reads its directory file on the next question when the file's time has changed. */
    private void writeDirectory(List<SimulatedCommunity> communities, SimulatedCommunity silent, long deadline)
            throws IOException {
        StringBuilder names = new StringBuilder();
        StringBuilder lines = new StringBuilder();
        List<SimulatedCommunity> all = new ArrayList<>(communities);
        if (silent != null) {
            all.add(silent);
        }
        for (int i = 0; i < all.size(); i++) {
            String name = "c" + i;
            names.append(i == 0 ? "" : ",").append(name);
            String prefix = "dho.gateway.community." + name + ".";
            lines.append(prefix).append("homeCommunityId=").append(all.get(i).homeCommunityId()).append('\n')
                    .append(prefix).append("url=").append(all.get(i).uri()).append('\n')
                    .append(prefix).append("deadlineMillis=").append(deadline).append('\n');
        }
        Path temporary = directory.resolveSibling("communities.tmp");
        Files.writeString(temporary, "dho.gateway.communities=" + names + "\n" + lines);
        Files.move(temporary, directory, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(directory, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    }

    /** {@code total} FindDocuments through the gateway from {@code clients} threads, after a warm-up. */
    private Latencies measure(int clients, int total, int expectedEntries, String expectedStatus) throws Exception {
        String query = StoredQueryBuilder.query(StoredQueryBuilder.FIND_DOCUMENTS)
                .slot("$XDSDocumentEntryPatientId", PATIENT)
                .slot("$XDSDocumentEntryStatus", "('" + StoredQueryBuilder.APPROVED + "')").build();
        if (total > 50) {
            warmUp(query);
        }
        JitCounters jit = JitCounters.of(gatewayPid);
        long compilesBefore = jit == null ? 0 : jit.compiles();
        double compileSecondsBefore = jit == null ? 0 : jit.compileSeconds();
        long[] samples = new long[total];
        AtomicLong next = new AtomicLong();
        incomplete.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long serverCpuBefore = RegistryBenchmark.processCpuNanos(gatewayPid);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = (int) next.getAndIncrement(); i < total; i = (int) next.getAndIncrement()) {
                        int sample = i;
                        long t0 = System.nanoTime();
                        // Timed until the answer's last byte is in; the client's DOM parse of it is not the gateway's.
                        Soap.Reply reply = Soap.call(gateway, XdsActions.ITI_18, query, in -> samples[sample] = in - t0);
                        if (!reply.status().endsWith(expectedStatus) || reply.count("ExtrinsicObject") != expectedEntries) {
                            Matcher why = CODE_CONTEXT.matcher(reply.text());
                            if (reply.status() == null || !why.find()) {
                                throw new IllegalStateException("Unexpected answer: " + reply);
                            }
                            // A source past its deadline (a saturated machine): counted and reported, not hidden.
                            if (incomplete.getAndIncrement() == 0) {
                                firstIncomplete = why.group(2) + " (" + why.group(1) + ")";
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        jitDuring = jit == null ? "JIT not read" : String.format(Locale.ROOT,
                "JIT while measured: %d methods compiled, %.0f ms of compiler time per second",
                jit.compiles() - compilesBefore, (jit.compileSeconds() - compileSecondsBefore) * 1000 / seconds);
        double serverCpu = (RegistryBenchmark.processCpuNanos(gatewayPid) - serverCpuBefore) / 1e6 / total;
        return new Latencies(samples, seconds, expectedEntries, serverCpu, 0);
    }

    private static final int MIN_WARMUP = 100;

    private JitWarmUp jitWarmUp() {
        return JitWarmUp.of(gatewayPid, MIN_WARMUP, options);
    }

    /** One client asks until the gateway's JIT has settled ({@link JitWarmUp}). */
    private void warmUp(String query) throws Exception {
        warmUp = jitWarmUp().run(() -> Soap.call(gateway, XdsActions.ITI_18, query)).replace(" rounds", " questions");
    }

    /** What the last measurement's answers lacked: empty when every one was complete. */
    private String incomplete(int total) {
        long n = incomplete.get();
        return n == 0 ? "" : String.format(Locale.ROOT, "; %d of %d answers PartialSuccess, first: %s", n, total,
                firstIncomplete);
    }

    private void line(String s) {
        System.out.println(s);
        report.add(s);
    }
}
