package no.dhoindex.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.Postgres;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.SystemCaller;

/**
 * ITI-41 Provide and Register through a hospital's repository adapter, end to end: the registry,
 * the trust anchor and one {@code sykehus} adapter (kind repository) on one Payara Micro, with the
 * shipped settings (registration tokens required, durable commits). C client threads act as the
 * hospital's EHR system (client-credentials token with the provide scope, DPoP-bound) and submit N
 * single-document submissions with a unique ~4 KB document each. Every acknowledgement means the
 * adapter has stored the document and the registry its pointer (two databases, two commits at
 * least), so this is the case durable commits cost most on the write path.
 *
 * <pre>./dho bench provide [--db h2|postgres] [--submissions 1000] [--clients 4] [--h2WriteDelay MS] [--label r1]</pre>
 */
final class ProvideBenchmark {

    private static final String CID = "document@bench.dhoindex.no";

    private final Map<String, String> options;
    private final List<String> report = new ArrayList<>();

    ProvideBenchmark(Map<String, String> options) {
        this.options = options;
    }

    void run() throws Exception {
        String db = options.getOrDefault("db", "h2");
        int submissions = Integer.parseInt(options.getOrDefault("submissions", "1000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "50"));
        int documentBytes = Integer.parseInt(options.getOrDefault("documentBytes", "4096"));
        List<String> patients = SyntheticPatients.first(Integer.parseInt(options.getOrDefault("patients", "1000")));
        String writeDelay = options.get("h2WriteDelay");
        BenchWorkspace workspace = BenchWorkspace.fresh(options, "bench-provide-" + db);
        Path root = workspace.root();
        Path work = workspace.work();
        Path data = workspace.data();
        String loadBefore = workspace.loadBefore();
        int port = workspace.port();
        String base = workspace.base();
        // Configured as the demo configures the hospital (demo/organisations/sykehus.properties, demo trust).
        Map<String, String> props = workspace.demoSettings("sykehus");
        String registrySchema = null;
        String adapterSchema = null;
        if (db.equals("postgres")) {
            registrySchema = Postgres.freshSchema("registry_provide");
            adapterSchema = Postgres.freshSchema("adapter_provide");
            postgres(props, "dho.registry.db", registrySchema);
            postgres(props, "dho.adapters.sykehus.db", adapterSchema);
        } else if (writeDelay != null) {
            // The shipped URLs with H2's write delay stated: 500 is H2's own default, as before durable commits.
            int ms = Integer.parseInt(writeDelay);
            props.put("dho.registry.db.url", "jdbc:h2:file:" + data + "/registry;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=" + ms);
            props.put("dho.adapters.sykehus.db.url", "jdbc:h2:file:" + data + "/adapter-sykehus;WRITE_DELAY=" + ms);
        }
        // Payara names applications after their files; the context root names the organisation.
        Path sykehus = Files.copy(root.resolve("adapters/target/adapters.war"), work.resolve("adapters-sykehus.war"),
                StandardCopyOption.REPLACE_EXISTING);
        try (PayaraMicroProcess server = PayaraMicroProcess.start(root.resolve("target/dho/payara-micro.jar"), List.of(
                        new Deployment(root.resolve("registry/target/registry.war"), "/registry"),
                        new Deployment(root.resolve("trust-anchor/target/trust-anchor.war"), "/trust"),
                        new Deployment(sykehus, "/adapters/sykehus")),
                props, work, List.of("/registry/services/registry?wsdl", "/trust/.well-known/openid-configuration",
                        "/adapters/sykehus/services/repository?wsdl"),
                Duration.ofMinutes(Long.parseLong(options.getOrDefault("startMinutes", "10"))), port)) {
            var repository = server.uri("/adapters/sykehus/services/repository");
            // The hospital's EHR system, as in the demo: its own token from the trust anchor, a fresh DPoP proof per call.
            SystemCaller ehr = new SystemCaller(server.uri("/trust"), SystemCaller.SYKEHUS_EHR, SystemCaller.PROVIDE);
            AtomicLong counter = new AtomicLong();
            java.util.function.LongFunction<Soap.Reply> provide = n -> {
                String fnr = patients.get((int) (n % patients.size()));
                Map<String, String> values = Samples.singleDocumentDefaults(fnr);
                byte[] content = document(values.get("documentUniqueId"), fnr, n, documentBytes);
                return ehr.provide(repository, Samples.provideAndRegister(values, sha1(content), content.length, CID),
                        Map.of(CID, content));
            };

            line("# Provide benchmark (ITI-41): " + db + (writeDelay == null ? "" : " (WRITE_DELAY=" + writeDelay + ")")
                    + ", " + submissions + " submissions, " + clients + " clients");
            line("");
            line("Started " + Instant.now() + "; machine: " + Machine.facts() + "; load average (1, 5, 15 min) before"
                    + " Payara started: " + loadBefore + ".");
            line("");
            line("Command: `RegistryBenchmark " + options.get("command") + "`");
            line("");
            line("Settings: registry + trust anchor + adapter `sykehus` (repository) on one Payara Micro at " + base
                    + "; shipped defaults (registration tokens required, registry pool 10, adapter pool 5); databases: "
                    + (db.equals("postgres") ? "PostgreSQL schemas " + registrySchema + " and " + adapterSchema
                    + " (synchronous_commit=on)" : "H2 files in " + data + ", WRITE_DELAY="
                    + (writeDelay == null ? "0 (the shipped default)" : writeDelay))
                    + "; one document of " + documentBytes + " bytes per submission, unique per submission, for "
                    + patients.size() + " synthetic patients; " + warmup + " warm-up submissions (1 client) before"
                    + " the measured ones.");
            line("");
            for (int i = 0; i < warmup; i++) {
                check(provide.apply(counter.getAndIncrement()));
            }
            long cpuBefore = RegistryBenchmark.processCpuNanos(server.pid());
            long[] samples = new long[submissions];
            AtomicLong next = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = (int) next.getAndIncrement(); i < submissions; i = (int) next.getAndIncrement()) {
                        long n = counter.getAndIncrement();
                        long t0 = System.nanoTime();
                        Soap.Reply reply = provide.apply(n);
                        samples[i] = System.nanoTime() - t0;
                        check(reply);
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuPerSubmission = (RegistryBenchmark.processCpuNanos(server.pid()) - cpuBefore) / 1e6 / submissions;
            Latencies l = new Latencies(samples, seconds, 1, cpuPerSubmission, Double.NaN);
            String loadAfter = Machine.loadAverages();
            double registryMb = db.equals("postgres") ? Machine.schemaMegabytes(registrySchema)
                    : Machine.filesMegabytes(data, "registry");
            double adapterMb = db.equals("postgres") ? Machine.schemaMegabytes(adapterSchema)
                    : Machine.filesMegabytes(data, "adapter-sykehus");
            line(String.format(Locale.ROOT, "%d submissions (one document each) in %.1f s: %.1f documents/s;"
                    + " per submission median %.1f ms, p95 %.1f ms, p99 %.1f ms; Payara CPU %.1f ms per submission.",
                    submissions, seconds, l.perSecond(), l.medianMillis(), l.p95Millis(), l.p99Millis(), cpuPerSubmission));
            line("");
            line(String.format(Locale.ROOT, "After %d submissions (warm-up included): registry database %.1f MB, adapter"
                    + " database %.1f MB; Payara Micro resident memory (VmRSS) %d MB; load average (1, 5, 15 min)"
                    + " after: %s.", warmup + submissions, registryMb, adapterMb, RegistryBenchmark.rssMegabytes(server.pid()),
                    loadAfter));
            line("");
            line("Database size below: registry and adapter together.");
            line("");
            Figures.of(l, registryMb + adapterMb, Double.parseDouble(loadBefore.split(" ")[0]),
                    Double.parseDouble(loadAfter.split(" ")[0])).table("documents").forEach(this::line);
        } finally {
            if (!"keep".equals(options.get("schema"))) {
                for (String schema : new String[]{registrySchema, adapterSchema}) {
                    if (schema != null) {
                        Postgres.dropSchema(schema);
                    }
                }
            }
        }
        Path out = root.resolve("bench/results");
        Files.createDirectories(out);
        Path file = out.resolve("provide-" + db + "-" + submissions + (writeDelay == null ? "" : "-writedelay" + writeDelay)
                + (options.containsKey("label") ? "-" + options.get("label") : "") + ".md");
        Files.write(file, report);
        System.out.println("Results written to " + file);
    }

    /** A deployable's database settings ({@code prefix}.url, .user, .schema) for a schema of the local PostgreSQL. */
    static void postgres(Map<String, String> props, String prefix, String schema) {
        props.put(prefix + ".url", Postgres.URL);
        props.put(prefix + ".user", Postgres.USER);
        props.put(prefix + ".schema", schema);
    }

    private static void check(Soap.Reply reply) {
        if (!reply.isSuccess()) {
            throw new IllegalStateException("ITI-41 failed: " + reply);
        }
    }

    /** A note of exactly {@code bytes} bytes (ASCII), different for every submission. */
    static byte[] document(String uniqueId, String fnr, long n, int bytes) {
        String tail = "</tekst></notat>";
        StringBuilder x = new StringBuilder(bytes).append("<notat><id>").append(uniqueId).append("</id><pasient>")
                .append(fnr).append("</pasient><nr>").append(n).append("</nr><tekst>");
        String filler = "Stabil tilstand, fortsetter hjemmeoppfolging med daglig vekt og blodtrykk. ";
        while (x.length() + tail.length() < bytes) {
            x.append(filler, 0, Math.min(filler.length(), bytes - tail.length() - x.length()));
        }
        return x.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }
}
