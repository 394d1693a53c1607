package no.dhoindex.bench;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.PayaraMicroProcess;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.XuaCaller;

/**
 * Freshness of kommune's on-demand pointer: N changes at the demo platform (a new measurement, a
 * corrected one, a deleted one, the last one deleted), each timed from the moment the change is sent
 * to the platform until (a) the registry's ITI-18 answer shows the pointer's new state (service stop
 * time, or no pointer) and (b) the gateway's FHIR {@code Observation} search for the patient shows
 * the new value (or no longer shows the deleted one). The registry, the trust anchor, the demo
 * platform, the kommune adapter and the gateway run on one Payara Micro with the demo's settings;
 * {@code --mode subscription} keeps kommune's rest-hook subscription (polling every
 * {@code --poll} ms as well), {@code --mode polling} removes it (polling only).
 *
 * <pre>./dho bench freshness [--mode subscription|polling] [--changes 200] [--poll 1000] [--probe 20]
 *                        [--cycle full|publish-remove]</pre>
 */
final class FreshnessBenchmark {

    /** A patient (valid synthetic national id) the demo platform holds nothing for: its pointer is the benchmark's. */
    private static final String FNR = "12828510159";
    private static final String KOMMUNE_REPOSITORY = "2.16.578.1.12.4.1.7.1.3.1";
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final Map<String, String> options;
    private final List<String> report = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PayaraMicroProcess server;
    private XuaCaller xua;
    private ClinicianSession clinician;
    /** Gateway answers other than 200 while probing, by status: reported, as they lengthen (b). */
    private final Map<Integer, Integer> gatewayRefusals = new java.util.concurrent.ConcurrentHashMap<>();
    /** The stop times the registry's last answer showed: named when a change is not seen in time. */
    private volatile List<String> lastRegistryStops = List.of();
    private volatile String lastRegistryAnswer;

    FreshnessBenchmark(Map<String, String> options) {
        this.options = options;
    }

    /** One change: what it is, the stop time the pointer must then say (null: no pointer), the value to see. */
    private record Change(String kind, String stop, String value, boolean valueShown) {
    }

    void run() throws Exception {
        String mode = options.getOrDefault("mode", "subscription");
        int changes = Integer.parseInt(options.getOrDefault("changes", "200"));
        long pollMillis = Long.parseLong(options.getOrDefault("poll", "1000"));
        long probeMillis = Long.parseLong(options.getOrDefault("probe", "20"));
        // full: new, new, corrected, deleted, last deleted (versions by ITI-92); publish-remove: a first
        // measurement and its deletion only (ITI-61 and ITI-62), for a registry that takes no ITI-92 of ours.
        int[] cycle = "publish-remove".equals(options.getOrDefault("cycle", "full")) ? new int[]{0, 4}
                : new int[]{0, 1, 2, 3, 4};
        BenchWorkspace workspace = BenchWorkspace.fresh(options, "bench-freshness-" + mode);
        Path root = workspace.root();
        Path work = workspace.work();
        Path data = workspace.data();
        String loadBefore = workspace.loadBefore();
        int port = workspace.port();
        String base = workspace.base();
        Map<String, String> props = workspace.demoSettings("kommune");
        props.put("dho.adapters.kommune.poll.millis", Long.toString(pollMillis));
        if (mode.equals("polling")) {
            props.put("dho.adapters.kommune.subscription.notifyUrl", ""); // empty: not set, polling only
        }
        Path kommune = Files.copy(root.resolve("adapters/target/adapters.war"), work.resolve("adapters-kommune.war"),
                StandardCopyOption.REPLACE_EXISTING);
        Path payara = Path.of(options.getOrDefault("payara", root.resolve("target/dho/payara-micro.jar").toString()));
        try (PayaraMicroProcess started = PayaraMicroProcess.start(payara, List.of(
                        new Deployment(root.resolve("registry/target/registry.war"), "/registry"),
                        new Deployment(root.resolve("trust-anchor/target/trust-anchor.war"), "/trust"),
                        new Deployment(root.resolve("demo-platform/target/demo-platform.war"), "/demo-platform"),
                        new Deployment(kommune, "/adapters/kommune"),
                        new Deployment(root.resolve("gateway/target/gateway.war"), "/gateway")),
                props, work, List.of("/registry/services/registry?wsdl", "/trust/.well-known/openid-configuration",
                        "/demo-platform/fhir/metadata", "/adapters/kommune/services/xca?wsdl",
                        "/gateway/services/xca?wsdl"),
                Duration.ofMinutes(Long.parseLong(options.getOrDefault("startMinutes", "20"))), port)) {
            server = started;
            xua = new XuaCaller(work.resolve("xua"), DemoConfiguration.provisionTrust(data).trustStore());
            clinician = new ClinicianSession(http, server.uri("/trust/token"), FNR);
            line("# Freshness benchmark: kommune's on-demand pointer, " + mode + (mode.equals("polling")
                    ? " only" : " (rest-hook) and polling") + ", poll interval " + pollMillis + " ms, " + changes
                    + " changes");
            line("");
            line("Started " + Instant.now() + "; machine: " + Machine.facts() + "; load average (1, 5, 15 min) before"
                    + " Payara started: " + loadBefore + ".");
            line("");
            line("Command: `./dho bench freshness " + options.get("command") + "`");
            line("");
            line("Settings: registry, trust anchor, demo platform, adapter `kommune` (FHIR) and gateway on one Payara"
                    + " Micro at " + base + " with the demo's settings; kommune's poll interval " + pollMillis + " ms; "
                    + (mode.equals("polling") ? "no subscription (subscription.notifyUrl empty)"
                    : "the demo's subscription (rest-hook to /adapters/kommune/platform/notifications)")
                    + "; changes in cycles of " + (cycle.length == 2 ? "a first measurement and its deletion"
                    : "a first measurement, a later one, its correction (time and value), its deletion, the first's deletion")
                    + "; one patient (" + FNR + ") the platform held nothing for; the registry (ITI-18, XUA) and the"
                    + " gateway (FHIR Observation search, DPoP token) each probed every " + probeMillis + " ms from"
                    + " the moment the change was sent until they showed it (resolution: one probe and its answer).");
            line("");
            awaitReady(probeMillis);
            long[] registry = new long[changes];
            long[] gateway = new long[changes];
            Map<String, List<long[]>> byKind = new LinkedHashMap<>();
            for (int i = 0; i < changes; ) {
                // One cycle: two measurements, the newer corrected, then deleted, then the last deleted.
                int day = 1 + (i / 5) % 27;
                String first = null;
                String second = null;
                for (int c = 0; c < cycle.length && i < changes; c++, i++) {
                    int step = cycle[c];
                    Change change;
                    long t0;
                    String t1 = String.format(Locale.ROOT, "2026-10-%02dT08:00:00Z", day);
                    String t2 = String.format(Locale.ROOT, "2026-10-%02dT20:30:00Z", day);
                    String t3 = String.format(Locale.ROOT, "2026-10-%02dT21:45:00Z", day);
                    String v1 = "1" + String.format(Locale.ROOT, "%02d", i % 100) + ".1";
                    String v2 = "1" + String.format(Locale.ROOT, "%02d", i % 100) + ".2";
                    String v3 = "1" + String.format(Locale.ROOT, "%02d", i % 100) + ".3";
                    clinician.refresh();
                    switch (step) {
                        case 0 -> {
                            t0 = System.nanoTime();
                            first = send("POST", "Observation", observation(null, t1, v1));
                            change = new Change("new (first)", dtm(t1), v1, true);
                        }
                        case 1 -> {
                            t0 = System.nanoTime();
                            second = send("POST", "Observation", observation(null, t2, v2));
                            change = new Change("new", dtm(t2), v2, true);
                        }
                        case 2 -> {
                            t0 = System.nanoTime();
                            send("PUT", "Observation/" + second, observation(second, t3, v3));
                            change = new Change("corrected", dtm(t3), v3, true);
                        }
                        case 3 -> {
                            t0 = System.nanoTime();
                            send("DELETE", "Observation/" + second, null);
                            change = new Change("deleted", dtm(t1), v3, false);
                        }
                        default -> {
                            t0 = System.nanoTime();
                            send("DELETE", "Observation/" + first, null);
                            change = new Change("deleted (last)", null, v1, false);
                        }
                    }
                    Change expected = change;
                    CompletableFuture<Long> atRegistry = CompletableFuture.supplyAsync(() ->
                            until(t0, probeMillis, () -> registryShows(expected.stop()),
                                    () -> "change " + expected + " at the registry; its last answer's stop times "
                                            + lastRegistryStops));
                    CompletableFuture<Long> atGateway = CompletableFuture.supplyAsync(() ->
                            until(t0, probeMillis, () -> gatewayShows(expected.value()) == expected.valueShown(),
                                    () -> "change " + expected + " through the gateway; refusals " + gatewayRefusals));
                    registry[i] = atRegistry.get();
                    if (i == 0) {
                        // The answer that showed the first pointer, kept to check the probe's reading against.
                        Files.writeString(work.resolve("registry-answer-first-change.xml"), lastRegistryAnswer);
                    }
                    gateway[i] = atGateway.get();
                    byKind.computeIfAbsent(change.kind(), k -> new ArrayList<>()).add(new long[]{registry[i], gateway[i]});
                    System.out.printf(Locale.ROOT, "change %d %s: registry %.0f ms, gateway %.0f ms%n", i, change.kind(),
                            registry[i] / 1e6, gateway[i] / 1e6);
                }
            }
            String loadAfter = Machine.loadAverages();
            line("| measured from the change to | changes | p50 | p99 | max |");
            line("|---|---|---|---|---|");
            row("(a) the pointer's new state in the registry", registry);
            row("(b) the new value through the gateway", gateway);
            line("");
            line("By kind of change:");
            line("");
            line("| change | n | registry p50 | registry p99 | gateway p50 | gateway p99 |");
            line("|---|---|---|---|---|---|");
            byKind.forEach((kind, samples) -> {
                long[] r = samples.stream().mapToLong(s -> s[0]).toArray();
                long[] g = samples.stream().mapToLong(s -> s[1]).toArray();
                line(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |", kind, r.length,
                        ms(r, 50), ms(r, 99), ms(g, 50), ms(g, 99)));
            });
            line("");
            line("Gateway answers other than 200 while probing (status: count): " + (gatewayRefusals.isEmpty() ? "none"
                    : gatewayRefusals) + ".");
            line("");
            line("Load average (1, 5, 15 min) after: " + loadAfter + ".");
        }
        Path out = root.resolve("bench/results");
        Files.createDirectories(out);
        Path file = out.resolve("freshness-" + mode + "-" + pollMillis + "ms-" + changes
                + (cycle.length == 2 ? "-publish-remove" : "")
                + (options.containsKey("label") ? "-" + options.get("label") : "") + ".md");
        Files.write(file, report);
        System.out.println("Results written to " + file);
    }

    private void row(String what, long[] nanos) {
        line(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %.0f ms |", what, nanos.length, ms(nanos, 50),
                ms(nanos, 99), ms(nanos, 100)));
    }

    private static double ms(long[] nanos, double percentile) {
        return new Latencies(nanos, 1, 0, 0, 0).percentile(percentile);
    }

    /** Waits until the registry and the gateway answer for the patient (tokens and trust working). */
    private void awaitReady(long probeMillis) throws Exception {
        clinician.refresh();
        until(System.nanoTime(), probeMillis, () -> registryShows(null) && !gatewayShows("-1"),
                () -> "the patient's empty start; the registry's stop times " + lastRegistryStops);
    }

    /** Nanoseconds from {@code t0} until {@code done}, probed every {@code probeMillis}; fails after a minute, saying what. */
    private static long until(long t0, long probeMillis, BooleanSupplier done, Supplier<String> what) {
        while (true) {
            if (done.getAsBoolean()) {
                return System.nanoTime() - t0;
            }
            if (System.nanoTime() - t0 > GIVE_UP.toNanos()) {
                throw new IllegalStateException("Not seen within " + GIVE_UP + ": " + what.get());
            }
            try {
                Thread.sleep(probeMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether kommune's one approved pointer for the patient has this stop time ({@code null}: no pointer). */
    private boolean registryShows(String stop) {
        Soap.Reply reply = xua.query(server.uri("/registry/services/registry"),
                OnDemandPointers.findApproved(Samples.nationalCx(FNR)));
        if (!reply.isSuccess()) {
            throw new IllegalStateException("ITI-18 failed: " + reply);
        }
        List<String> stops = OnDemandPointers.serviceStopTimes(reply.envelope(), KOMMUNE_REPOSITORY);
        lastRegistryStops = stops;
        lastRegistryAnswer = reply.text();
        return stop == null ? stops.isEmpty() : stops.equals(List.of(stop));
    }

    /** Whether the gateway's Observation search for the patient holds a measurement with this value. */
    private boolean gatewayShows(String value) {
        URI url = server.uri("/gateway/fhir/Observation?patient.identifier="
                + URLEncoder.encode("urn:oid:2.16.578.1.12.4.1.4.1|" + FNR, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(clinician.get(url), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                gatewayRefusals.merge(response.statusCode(), 1, Integer::sum);
                return false; // not shown yet (a source too slow: 503)
            }
            return Pattern.compile("\"value\"\\s*:\\s*" + Pattern.quote(value) + "(?![0-9])").matcher(response.body())
                    .find();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a change to the platform; the Observation's id for a create. */
    private String send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/demo-platform/fhir/" + path))
                .header("Content-Type", "application/fhir+json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Location").map(l -> l.replaceAll(".*/Observation/([^/]+).*", "$1"))
                .orElse(null);
    }

    private static String observation(String id, String effective, String value) {
        return "{\"resourceType\":\"Observation\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\","
                + "\"display\":\"Body weight\"}]},\"subject\":{\"identifier\":{\"system\":"
                + "\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\"" + FNR + "\"}},\"effectiveDateTime\":\"" + effective
                + "\",\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"kg\",\"system\":"
                + "\"http://unitsofmeasure.org\",\"code\":\"kg\"}}";
    }

    /** 2026-10-01T08:00:00Z as HL7 DTM (what the pointer's service times are). */
    private static String dtm(String instant) {
        return instant.replaceAll("[-:TZ]", "");
    }

    private void line(String text) {
        System.out.println(text);
        report.add(text);
    }
}
