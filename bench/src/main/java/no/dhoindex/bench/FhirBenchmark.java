package no.dhoindex.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dhoindex.shared.xua.XuaHttp;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.Fjellbygd;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.XuaCaller;

/**
 * The gateway's federated FHIR Observation search where the patient's history is long: one patient
 * with {@code --measurements} (100,000) home measurements at kommune's platform and {@code --second}
 * (10,000) at fjellbygd's, a year of them, loaded into each platform's store at its start
 * ({@code dho.platform.<name>.history}). {@code Observation?code=<heart rate>&date=ge<7 days ago>&_sort=-date&_count=50}
 * through the gateway with a DPoP-bound clinician token, and the same search asked of each
 * organisation's FHIR search directly (as the gateway asks it, with an XUA assertion), interleaved, at one
 * client: medians and p99, and the gateway's overhead over the slowest source. Then the gateway
 * against {@code --communities} (20) simulated FHIR sources answering 50 Observations after a fixed
 * {@code --delay} (50 ms): p50 against that delay.
 *
 * <pre>./dho bench fhir [--measurements 100000] [--second 10000] [--requests 300] [--communities 20] [--delay 50]</pre>
 */
final class FhirBenchmark {

    /** A valid synthetic national id the demo platforms hold nothing else for. */
    private static final String FNR = "12828510159";
    private static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";
    private static final String HEART_RATE = "http://loinc.org|8867-4";
    private static final String SECRET = "bench-notification-secret-0123456789";
    private static final Pattern EFFECTIVE = Pattern.compile("\"effectiveDateTime\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("\"relation\"\\s*:\\s*\"next\"\\s*,\\s*\"url\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, String> options;
    private final List<String> report = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PayaraMicroProcess server;
    private ClinicianSession clinician;
    private Path directory;
    private Path file;

    FhirBenchmark(Map<String, String> options) {
        this.options = options;
    }

    void run() throws Exception {
        int measurements = Integer.parseInt(options.getOrDefault("measurements", "100000"));
        int second = Integer.parseInt(options.getOrDefault("second", "10000"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "300"));
        int communities = Integer.parseInt(options.getOrDefault("communities", "20"));
        long delay = Long.parseLong(options.getOrDefault("delay", "50"));
        BenchWorkspace workspace = BenchWorkspace.fresh(options, "bench-fhir");
        Path root = workspace.root();
        Path work = workspace.work();
        Path data = workspace.data();
        String loadBefore = workspace.loadBefore();
        int port = workspace.port();
        String base = workspace.base();
        Map<String, String> props = workspace.demoSettings("kommune");
        Fjellbygd.addTo(props, base + "/demo-platform-fjellbygd/fhir");
        props.put("dho.platform.demo-platform.history", FNR + ":" + measurements);
        props.put("dho.platform.demo-platform-fjellbygd.history", FNR + ":" + second);
        for (String org : List.of("kommune", "fjellbygd")) {
            // Each adapter reads its platform when the benchmark notifies it (below), not every second: a read
            // re-reads the patient's whole history, which would otherwise run beside every measurement.
            props.put("dho.adapters." + org + ".poll.millis", "3600000");
            // A full read is never more frequent than the poll (the adapter refuses to start otherwise).
            props.put("dho.adapters." + org + ".fullRead.millis", "3600000");
            // A read of the whole history at start, on a shared machine: give each platform call time.
            props.put("dho.adapters." + org + ".timeout.millis", "30000");
            props.put("dho.adapters." + org + ".subscription.notifyUrl", base + "/adapters/" + org + "/platform/notifications");
            props.put("dho.adapters." + org + ".subscription.secret", SECRET);
        }
        directory = work.resolve("communities.properties");
        props.put("dho.gateway.directory.file", directory.toString());
        props.put("dho.gateway.maxParallelCalls", "400");
        // Deadlines far above any answer here: the benchmark measures answers, not the shared machine's worst moments
        // turning into partial ones (a source that failed stops the run).
        props.put("dho.gateway.deadlineMillis", "20000");
        writeDirectory(twoOrganisations(base));
        Path kommune = Files.copy(root.resolve("adapters/target/adapters.war"), work.resolve("adapters-kommune.war"),
                StandardCopyOption.REPLACE_EXISTING);
        Path fjellbygd = Files.copy(root.resolve("adapters/target/adapters.war"), work.resolve("adapters-fjellbygd.war"),
                StandardCopyOption.REPLACE_EXISTING);
        Path platform = root.resolve("demo-platform/target/demo-platform.war");
        Path platformB = Files.copy(platform, work.resolve("demo-platform-fjellbygd.war"), StandardCopyOption.REPLACE_EXISTING);
        Path payara = Path.of(options.getOrDefault("payara", root.resolve("target/dho/payara-micro.jar").toString()));
        Instant startAt = Instant.now();
        try (PayaraMicroProcess started = PayaraMicroProcess.start(payara, List.of(
                        new Deployment(root.resolve("registry/target/registry.war"), "/registry"),
                        new Deployment(root.resolve("trust-anchor/target/trust-anchor.war"), "/trust"),
                        new Deployment(platform, "/demo-platform"),
                        new Deployment(platformB, "/demo-platform-fjellbygd"),
                        new Deployment(kommune, "/adapters/kommune"),
                        new Deployment(fjellbygd, "/adapters/fjellbygd"),
                        new Deployment(root.resolve("gateway/target/gateway.war"), "/gateway")),
                props, work, List.of("/registry/services/registry?wsdl", "/trust/.well-known/openid-configuration",
                        "/demo-platform/fhir/metadata", "/demo-platform-fjellbygd/fhir/metadata",
                        "/adapters/kommune/services/xca?wsdl", "/adapters/fjellbygd/services/xca?wsdl",
                        "/gateway/services/xca?wsdl"),
                Duration.ofMinutes(Long.parseLong(options.getOrDefault("startMinutes", "20"))), port, null,
                options.getOrDefault("heap", "3g"))) {
            server = started;
            clinician = new ClinicianSession(http, server.uri("/trust/token"), FNR);
            Duration startTook = Duration.between(startAt, Instant.now());
            String since = LocalDate.now(ZoneOffset.UTC).minusDays(7).toString();
            String search = "code=" + encode(HEART_RATE) + "&date=ge" + since + "&_sort=-date&_count=50";
            String patient = "patient.identifier=" + encode(NATIONAL_ID + "|" + FNR);
            URI viaGateway = server.uri("/gateway/fhir/Observation?" + patient + "&" + search);
            // Exactly what the gateway asks each organisation (SourceSearches.url): the same search from offset 0.
            URI atKommune = server.uri("/adapters/kommune/fhir/Observation?" + patient + "&" + search + "&_offset=0");
            URI atFjellbygd = server.uri("/adapters/fjellbygd/fhir/Observation?" + patient + "&" + search + "&_offset=0");
            XuaCaller xua = new XuaCaller(work.resolve("xua"), DemoConfiguration.provisionTrust(data).trustStore());
            String kommuneXua = XuaHttp.header(xua.assertion(XuaCaller.clinician(FNR, "urn:oid:2.16.578.1.12.4.1.7.1.3"),
                    "urn:oid:2.16.578.1.12.4.1.7.1.3", Duration.ofMinutes(60)));
            String fjellbygdXua = XuaHttp.header(xua.assertion(XuaCaller.clinician(FNR, Fjellbygd.HOME_COMMUNITY_ID),
                    Fjellbygd.HOME_COMMUNITY_ID, Duration.ofMinutes(60)));

            Instant loadAt = Instant.now();
            awaitBothOrganisations(viaGateway, Duration.ofMinutes(Long.parseLong(options.getOrDefault("loadMinutes", "20"))));
            Duration loadTook = Duration.between(loadAt, Instant.now());
            // An adapter's read re-reads the patient's whole history (the pointer's period): measured only once the
            // stack has finished its reads, i.e. its process has used less than a fifth of a core for five seconds.
            double quietCores = awaitQuiet(server.pid(), Duration.ofMinutes(10));

            line("# FHIR search benchmark: a long history at two organisations, through the gateway");
            line("");
            line("Started " + startAt + "; machine: " + Machine.facts() + "; load average (1, 5, 15 min) before Payara"
                    + " started: " + loadBefore + " (the machine is shared with other engineers' builds and tests).");
            line("");
            line("Command: `./dho bench fhir " + options.get("command") + "`");
            line("");
            line("Stack: registry, trust anchor, two demo platforms, the adapters `kommune` and `fjellbygd` (FHIR) and"
                    + " the gateway on one Payara Micro (-Xmx" + options.getOrDefault("heap", "3g") + ") at " + base
                    + ", up in " + startTook.toSeconds() + " s. Patient " + FNR + ": " + measurements + " measurements at"
                    + " kommune's platform and " + second + " at fjellbygd's, a year of them ending at the platform's"
                    + " start, in turn blood pressure, heart rate, SpO2 and weight (deterministic, `LongHistory`), written"
                    + " into each platform's store at its start; each adapter then read its platform once (notified by"
                    + " the benchmark) and published its pointers: " + loadTook.toSeconds() + " s until the gateway"
                    + " answered from both; then measured once the stack's process was quiet (" + String.format(
                    Locale.ROOT, "%.2f", quietCores) + " cores over 5 s).");
            line("");
            line("Search: `Observation?" + patient.replace("%7C", "|").replace("%3A", ":") + "&" + search.replace("%7C", "|")
                    .replace("%3A", ":").replace("%2F", "/") + "` (heart rate since " + since + "), one client, "
                    + requests + " of each, interleaved (kommune direct, fjellbygd direct,"
                    + " both direct at the same moment, gateway); the gateway with a DPoP-bound clinician token (anne, TREAT) and a fresh proof per call"
                    + " (made before the clock starts); the organisations' FHIR search directly with the same query the"
                    + " gateway sends them (from `_offset=0`) and an XUA assertion as the gateway's (one, reused)."
                    + " \"Both at the same time\": the client sends both organisations' searches at once (two connections,"
                    + " asynchronous) and the time is until the later of the two answers, as the gateway's fan-out asks"
                    + " them: both sources share the machine's cores as they do behind the gateway, so this is the"
                    + " slowest source as the federation sees it; one at a time, each had the cores to itself. Before"
                    + " each measured part one client asks " + jitWarmUp().rule() + " of the stack's JVM (one round: the"
                    + " same calls as measured); each part says its warm-up.");
            line("");
            long[][] phase1 = measureInterleaved(requests, viaGateway, atKommune, kommuneXua, atFjellbygd, fjellbygdXua);
            Latencies g = latencies(phase1[0]);
            Latencies k = latencies(phase1[1]);
            Latencies f = latencies(phase1[2]);
            Latencies both = latencies(phase1[3]);
            long[] paired = new long[requests];
            long[] pairedBoth = new long[requests];
            for (int i = 0; i < requests; i++) {
                paired[i] = phase1[0][i] - Math.max(phase1[1][i], phase1[2][i]);
                pairedBoth[i] = phase1[0][i] - phase1[3][i];
            }
            Arrays.sort(paired);
            Arrays.sort(pairedBoth);
            double slowest = Math.max(k.medianMillis(), f.medianMillis());
            line("| asked | entries | median | p99 |");
            line("|---|---|---|---|");
            line(row("kommune's FHIR search directly (" + measurements + " in the history)", expectedAt(atKommune, kommuneXua), k));
            line(row("fjellbygd's FHIR search directly (" + second + " in the history)", expectedAt(atFjellbygd, fjellbygdXua), f));
            line(row("both organisations' searches directly at the same time (until the later answer)",
                    expectedAt(atKommune, kommuneXua) + expectedAt(atFjellbygd, fjellbygdXua), both));
            line(row("the gateway (both, merged, DPoP token checked, XUA issued per source)", 50, g));
            line("");
            line(String.format(Locale.ROOT, "Gateway overhead over the slowest source asked alone: %.1f ms (gateway median"
                    + " %.1f ms − slowest source's median %.1f ms); paired per round (gateway − the slower of that round's two"
                    + " direct calls): median %.1f ms, p90 %.1f ms. Goal ≤ 5 ms at one client: %s.",
                    g.medianMillis() - slowest, g.medianMillis(), slowest, paired[paired.length / 2] / 1e6,
                    paired[(int) (paired.length * 0.9)] / 1e6, g.medianMillis() - slowest <= 5 ? "met" : "not met"));
            line("");
            line(String.format(Locale.ROOT, "Gateway overhead over the slowest source as the federation sees it (both"
                    + " sources asked at once on the same cores, the later answer): %.1f ms (gateway median %.1f ms − both"
                    + " at once %.1f ms); paired per round: median %.1f ms, p90 %.1f ms. Goal ≤ 5 ms at one client: %s.",
                    g.medianMillis() - both.medianMillis(), g.medianMillis(), both.medianMillis(),
                    pairedBoth[pairedBoth.length / 2] / 1e6, pairedBoth[(int) (pairedBoth.length * 0.9)] / 1e6,
                    g.medianMillis() - both.medianMillis() <= 5 ? "met" : "not met"));
            line("");
            cpuPerSearch(requests, viaGateway, atKommune, kommuneXua, atFjellbygd, fjellbygdXua);
            long[] signing = new long[200];
            for (int i = -50; i < signing.length; i++) {
                long t0 = System.nanoTime();
                XuaHttp.header(xua.assertion(XuaCaller.clinician(FNR, Fjellbygd.HOME_COMMUNITY_ID),
                        Fjellbygd.HOME_COMMUNITY_ID, Duration.ofMinutes(5)));
                if (i >= 0) {
                    signing[i] = System.nanoTime() - t0;
                }
            }
            line(String.format(Locale.ROOT, "Signing one XUA assertion and writing it as the header, as the gateway does"
                    + " for each source it asks (OpenSAML, RSA), measured in the benchmark's own JVM: median %.2f ms,"
                    + " p99 %.2f ms. The gateway now reuses a signed assertion for the same user, role, purpose, patient"
                    + " and community during its first minute (`ReusedAssertions`), so this is paid once a minute per"
                    + " caller and source instead of once per source per search.", latencies(signing).medianMillis(),
                    latencies(signing).p99Millis()));
            line("");
            line("Deeper pages (the gateway's `next` link, a sealed cursor holding each source's offset), one call each:");
            line("");
            line("| page | entries | took |");
            line("|---|---|---|");
            URI page = viaGateway;
            for (int p = 1; p <= 8 && page != null; p++) {
                HttpRequest request = clinician.get(page);
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - t0;
                check(response, "page " + p);
                line(String.format(Locale.ROOT, "| %d | %d | %.1f ms |", p, count(response.body(), "\"resourceType\":\"Observation\""),
                        took / 1e6));
                Matcher next = NEXT.matcher(response.body());
                page = next.find() ? URI.create(next.group(1)) : null;
            }
            line("");
            line("Load average (1, 5, 15 min) after the organisations' search: " + Machine.loadAverages() + ".");
            line("");
            write(root, measurements);

            manyCommunities(viaGateway, communities, delay, requests);
            line("");
            line("Load average (1, 5, 15 min) at the end: " + Machine.loadAverages() + ".");
            write(root, measurements);
        }
        System.out.println("Results written to " + file);
    }

    /**
     * {@code --jfr DIR}: the Payara's measured simulated-source phases recorded (JFR, profile settings) into
     * {@code DIR/fhir-sim<n>.jfr} by {@code jcmd}, for a profile of the gateway at 1 and {@code n} sources.
     */
    private void jfr(String command, String... arguments) throws IOException, InterruptedException {
        if (!options.containsKey("jfr")) {
            return;
        }
        List<String> jcmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(server.pid()), command));
        jcmd.addAll(Arrays.asList(arguments));
        Process p = new ProcessBuilder(jcmd).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", jcmd) + " failed: " + said);
        }
        System.out.println(said);
    }

    /** The gateway against {@code n} simulated FHIR sources that answer after {@code delay} ms: p50 against the delay. */
    private void manyCommunities(URI viaGateway, int n, long delay, int requests) throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "simulated-fhir-source");
            t.setDaemon(true);
            return t;
        });
        List<SimulatedFhirSource> sources = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                sources.add(new SimulatedFhirSource("sim" + i, FNR, 50, Duration.ofMillis(delay), threads));
            }
            line("Many communities: the gateway's directory rewritten to simulated FHIR sources on loopback (JDK HTTP"
                    + " server), each answering the search with 50 Observations of its own (a next link, so the gateway"
                    + " pages it) after " + delay + " ms; the same search, token and client as above, " + requests
                    + " after a warm-up " + jitWarmUp().rule() + ".");
            line("");
            line("| sources | median | p99 | median ÷ the sources' " + delay + " ms | the gateway's process CPU per search"
                    + " | warm-up |");
            line("|---|---|---|---|---|---|");
            for (int size : new int[]{1, n}) {
                StringBuilder text = new StringBuilder("dho.gateway.communities=");
                for (int i = 0; i < size; i++) {
                    text.append(i == 0 ? "" : ",").append("sim").append(i + 1);
                }
                text.append('\n');
                for (int i = 0; i < size; i++) {
                    text.append(sources.get(i).directoryLines());
                }
                writeDirectory(text.toString());
                String warmUp = jitWarmUp().run(() -> timedGateway(viaGateway, 50));
                long[] samples = new long[requests];
                String recording = "sim" + size;
                jfr("JFR.start", "name=" + recording, "settings=profile");
                long cpu = RegistryBenchmark.processCpuNanos(server.pid());
                for (int i = 0; i < requests; i++) {
                    samples[i] = timedGateway(viaGateway, 50);
                }
                double cpuMillis = (RegistryBenchmark.processCpuNanos(server.pid()) - cpu) / 1e6 / requests;
                if (options.containsKey("jfr")) {
                    jfr("JFR.stop", "name=" + recording, "filename=" + Path.of(options.get("jfr"))
                            .resolve("fhir-sim" + size + ".jfr").toAbsolutePath());
                }
                Latencies l = latencies(samples);
                line(String.format(Locale.ROOT, "| %d | %.1f ms | %.1f ms | %.2f× | %.2f ms | %s |", size,
                        l.medianMillis(), l.p99Millis(), l.medianMillis() / delay, cpuMillis, warmUp));
            }
            line("");
            line("Goal at " + n + " communities: p50 ≤ 1.2 × the slowest source (" + (1.2 * delay) + " ms).");
        } finally {
            sources.forEach(SimulatedFhirSource::close);
            threads.shutdownNow();
        }
    }

    /**
     * The stack's process CPU per search (utime + stime from /proc, JIT compiler threads left out), each kind asked
     * {@code requests} times in a row by the one client: on a shared machine wall time lies, CPU much less. Everything
     * the search costs in the one Payara is in it (a source's search includes its platform's answer; the gateway's
     * includes both organisations' searches it asks).
     */
    private void cpuPerSearch(int requests, URI gateway, URI kommune, String kommuneXua, URI fjellbygd,
                              String fjellbygdXua) throws Exception {
        line("CPU of the stack's process per search (" + requests + " in a row of each, after the measurement above;"
                + " utime + stime of the Payara from /proc, its JIT compiler threads left out; load average before: "
                + Machine.loadAverages() + "):");
        line("");
        line("| asked | process CPU per search | wall per search |");
        line("|---|---|---|");
        line(cpuRow("kommune's FHIR search directly (with its platform's)", requests, () -> timedSource(kommune, kommuneXua)));
        line(cpuRow("fjellbygd's FHIR search directly (with its platform's)", requests,
                () -> timedSource(fjellbygd, fjellbygdXua)));
        line(cpuRow("both organisations' searches directly at the same time", requests,
                () -> timedBothSources(kommune, kommuneXua, fjellbygd, fjellbygdXua)));
        line(cpuRow("the gateway (with both organisations' and their platforms')", requests, () -> timedGateway(gateway, 50)));
        line("");
    }

    private String cpuRow(String what, int requests, Call call) throws Exception {
        long cpu = RegistryBenchmark.processCpuNanos(server.pid());
        long t0 = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            call.timed();
        }
        long wall = System.nanoTime() - t0;
        double cpuMillis = (RegistryBenchmark.processCpuNanos(server.pid()) - cpu) / 1e6 / requests;
        return String.format(Locale.ROOT, "| %s | %.2f ms | %.1f ms |", what, cpuMillis, wall / 1e6 / requests);
    }

    /** One timed call of the benchmark's client. */
    private interface Call {
        long timed() throws Exception;
    }

    private static String row(String what, int entries, Latencies l) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms |", what, entries, l.medianMillis(), l.p99Millis());
    }

    private int expectedAt(URI source, String xua) throws Exception {
        HttpResponse<String> response = http.send(sourceRequest(source, xua), HttpResponse.BodyHandlers.ofString());
        return count(response.body(), "\"resourceType\":\"Observation\"");
    }

    /**
     * Rounds of kommune direct, fjellbygd direct, both direct at once, gateway; nanoseconds per call:
     * [gateway, kommune, fjellbygd, both][round].
     */
    private long[][] measureInterleaved(int requests, URI gateway, URI kommune, String kommuneXua, URI fjellbygd,
                                        String fjellbygdXua) throws Exception {
        long[][] samples = new long[4][requests];
        line("Interleaved rounds after the " + jitWarmUp().run(() -> {
            timedSource(kommune, kommuneXua);
            timedSource(fjellbygd, fjellbygdXua);
            timedBothSources(kommune, kommuneXua, fjellbygd, fjellbygdXua);
            timedGateway(gateway, 50);
        }) + ":");
        line("");
        for (int i = 0; i < requests; i++) {
            samples[1][i] = timedSource(kommune, kommuneXua);
            samples[2][i] = timedSource(fjellbygd, fjellbygdXua);
            samples[3][i] = timedBothSources(kommune, kommuneXua, fjellbygd, fjellbygdXua);
            samples[0][i] = timedGateway(gateway, 50);
        }
        return samples;
    }

    /** At least 50 rounds, then until the stack's JIT has settled. */
    private JitWarmUp jitWarmUp() {
        return JitWarmUp.of(server.pid(), 50, options);
    }

    /**
     * Both sources asked at the same moment, as the gateway's fan-out asks them (each on its own connection,
     * sharing the machine's cores): the time until the later answer, the floor of any federated answer.
     */
    private long timedBothSources(URI kommune, String kommuneXua, URI fjellbygd, String fjellbygdXua) throws Exception {
        HttpRequest k = sourceRequest(kommune, kommuneXua);
        HttpRequest f = sourceRequest(fjellbygd, fjellbygdXua);
        long t0 = System.nanoTime();
        var atKommune = http.sendAsync(k, HttpResponse.BodyHandlers.ofString());
        var atFjellbygd = http.sendAsync(f, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> fromKommune = atKommune.join();
        HttpResponse<String> fromFjellbygd = atFjellbygd.join();
        long took = System.nanoTime() - t0;
        check(fromKommune, kommune.getPath());
        check(fromFjellbygd, fjellbygd.getPath());
        return took;
    }

    private long timedSource(URI source, String xua) throws Exception {
        HttpRequest request = sourceRequest(source, xua);
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        check(response, source.getPath());
        return took;
    }

    private static HttpRequest sourceRequest(URI source, String xua) {
        return HttpRequest.newBuilder(source).header("Authorization", xua).header("Accept", "application/fhir+json")
                .GET().build();
    }

    /** One gateway call (its DPoP proof made before the clock starts); checks it gave {@code entries}, newest first. */
    private long timedGateway(URI url, int entries) throws Exception {
        HttpRequest request = clinician.get(url);
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        check(response, "gateway");
        int found = count(response.body(), "\"resourceType\":\"Observation\"");
        if (found != entries || response.body().contains("\"resourceType\":\"OperationOutcome\"")) {
            throw new IllegalStateException("The gateway answered " + found + " entries (or a source failed): "
                    + response.body().substring(0, Math.min(2000, response.body().length())));
        }
        List<String> dates = new ArrayList<>();
        Matcher m = EFFECTIVE.matcher(response.body());
        while (m.find()) {
            dates.add(m.group(1));
        }
        for (int i = 1; i < dates.size(); i++) {
            if (Instant.parse(dates.get(i)).isAfter(Instant.parse(dates.get(i - 1)))) {
                throw new IllegalStateException("Not newest first: " + dates);
            }
        }
        return took;
    }

    /**
     * Notifies both adapters (their rest-hook endpoint, with the subscription's secret) so each reads its
     * platform and publishes the patient's pointers, then waits until the gateway answers from both.
     */
    private void awaitBothOrganisations(URI viaGateway, Duration giveUp) throws Exception {
        Instant deadline = Instant.now().plus(giveUp);
        Instant notified = Instant.EPOCH;
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            if (notified.equals(Instant.EPOCH) || Duration.between(notified, Instant.now()).toMinutes() >= 5) {
                for (String org : List.of("kommune", "fjellbygd")) {
                    http.send(HttpRequest.newBuilder(server.uri("/adapters/" + org + "/platform/notifications"))
                            .header("X-DHO-Notification-Secret", SECRET).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
                notified = Instant.now();
            }
            HttpResponse<String> response = http.send(clinician.get(viaGateway), HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body().substring(0, Math.min(300, response.body().length()));
            if (response.statusCode() == 200 && response.body().contains("\"display\":\"kommune\"")
                    && response.body().contains("\"display\":\"fjellbygd\"")
                    && !response.body().contains("\"resourceType\":\"OperationOutcome\"")) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("The gateway did not answer from both organisations within " + giveUp + ": " + last);
    }

    /** Waits until the process uses less than a fifth of a core over five seconds; what it used last. */
    private static double awaitQuiet(long pid, Duration giveUp) throws Exception {
        Instant deadline = Instant.now().plus(giveUp);
        double cores;
        do {
            long cpu = RegistryBenchmark.processCpuNanos(pid);
            long t0 = System.nanoTime();
            Thread.sleep(5000); // the window CPU is measured over, not a wait for something to happen
            cores = (RegistryBenchmark.processCpuNanos(pid) - cpu) / (double) (System.nanoTime() - t0);
        } while (cores >= 0.2 && Instant.now().isBefore(deadline));
        return cores;
    }

    private static String twoOrganisations(String base) {
        return "dho.gateway.communities=kommune,fjellbygd\n"
                + "dho.gateway.community.kommune.homeCommunityId=urn:oid:2.16.578.1.12.4.1.7.1.3\n"
                + "dho.gateway.community.kommune.repositoryUniqueIds=2.16.578.1.12.4.1.7.1.3.1\n"
                + "dho.gateway.community.kommune.url=" + base + "/adapters/kommune/services/xca\n"
                + "dho.gateway.community.kommune.fhirUrl=" + base + "/adapters/kommune/fhir\n"
                + "dho.gateway.community.kommune.deadlineMillis=15000\n"
                + "dho.gateway.community.fjellbygd.homeCommunityId=" + Fjellbygd.HOME_COMMUNITY_ID + "\n"
                + "dho.gateway.community.fjellbygd.repositoryUniqueIds=" + Fjellbygd.REPOSITORY + "\n"
                + "dho.gateway.community.fjellbygd.url=" + base + "/adapters/fjellbygd/services/xca\n"
                + "dho.gateway.community.fjellbygd.fhirUrl=" + base + "/adapters/fjellbygd/fhir\n"
                + "dho.gateway.community.fjellbygd.deadlineMillis=15000\n";
    }

    /** The gateway re-reads its directory file on the next question when the file's time has changed. */
    private void writeDirectory(String text) throws IOException {
        Path temporary = directory.resolveSibling("communities.tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, directory, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(directory, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    }

    private static void check(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(1000, response.body().length())));
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static Latencies latencies(long[] nanos) {
        return new Latencies(nanos, 1, 0, 0, 0);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void write(Path root, int measurements) throws IOException {
        Path out = Files.createDirectories(root.resolve("bench/results"));
        file = out.resolve("fhir-" + measurements + (options.containsKey("label") ? "-" + options.get("label") : "") + ".md");
        Files.write(file, report);
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }
}
