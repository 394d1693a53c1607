package no.dhoindex.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.dhoindex.testsupport.PayaraMicroProcess.Cluster;
import no.dhoindex.testsupport.PayaraMicroProcess.Deployment;

/**
 * {@code ./dho start --distributed} and the system test: the demo as separate processes on loopback, each its own
 * Payara Micro — the development trust anchor; the registry on PostgreSQL; each organisation's adapter with its own
 * H2 database (kommune's with its demo FHIR platform beside it); two gateway nodes clustered on Payara's data grid
 * (TCP discovery on 127.0.0.1, a cluster name of the stack's own, {@code dho.gateway.grid=payara}) — and HAProxy in
 * front of the gateway nodes. Every piece reads only its own settings, each organisation's file resolved against
 * that organisation's own base URL.
 */
public final class DistributedStack implements AutoCloseable {

    /** The built deployables and the Payara Micro that runs them. */
    public record Artifacts(Path microJar, Path registry, Path adapters, Path platform, Path trustAnchor, Path gateway) {

        /** As {@code ./dho build} leaves them in the repository at {@code root}. */
        public static Artifacts built(Path root) {
            return new Artifacts(root.resolve("target/dho/payara-micro.jar"), root.resolve("registry/target/registry.war"),
                    root.resolve("adapters/target/adapters.war"), root.resolve("demo-platform/target/demo-platform.war"),
                    root.resolve("trust-anchor/target/trust-anchor.war"), root.resolve("gateway/target/gateway.war"));
        }

        /** All in one directory under their plain names (a test module's copy). */
        public static Artifacts in(Path dir) {
            return new Artifacts(dir.resolve("payara-micro.jar"), dir.resolve("registry.war"), dir.resolve("adapters.war"),
                    dir.resolve("demo-platform.war"), dir.resolve("trust-anchor.war"), dir.resolve("gateway.war"));
        }
    }

    /** The registry's PostgreSQL database and its own schema there. */
    public record Database(String url, String user, String password, String schema) {

        /**
         * {@code DHO_REGISTRY_DB_URL} / {@code _USER} / {@code _PASSWORD} / {@code _SCHEMA} (the registry's own settings
         * as environment variables), by default the local PostgreSQL (127.0.0.1:5432, database {@code test}, user
         * {@code postgres}) and the schema {@code dho_demo}.
         */
        public static Database fromEnvironment() {
            Map<String, String> env = System.getenv();
            return new Database(env.getOrDefault("DHO_REGISTRY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                    env.getOrDefault("DHO_REGISTRY_DB_USER", "postgres"), env.getOrDefault("DHO_REGISTRY_DB_PASSWORD", ""),
                    env.getOrDefault("DHO_REGISTRY_DB_SCHEMA", "dho_demo"));
        }

        Map<String, String> settings() {
            return Map.of("dho.registry.db.url", url, "dho.registry.db.user", user, "dho.registry.db.password", password,
                    "dho.registry.db.schema", schema);
        }
    }

    /** Where each piece listens on 127.0.0.1. */
    public record Ports(int loadBalancer, int trustAnchor, int registry, Map<String, Integer> adapters,
                        List<Integer> gateways, List<Integer> grid) {

        /** One after the other from {@code first}: the load balancer, trust anchor, registry, adapters, gateway nodes, grid. */
        public static Ports from(int first, List<String> organisations) {
            int next = first + 3;
            Map<String, Integer> adapters = new LinkedHashMap<>();
            for (String org : organisations) {
                adapters.put(org, next++);
            }
            return new Ports(first, first + 1, first + 2, adapters, List.of(next, next + 1), List.of(next + 2, next + 3));
        }

        /** Free ports (tests). */
        public static Ports free(List<String> organisations) throws IOException {
            Map<String, Integer> adapters = new LinkedHashMap<>();
            for (String org : organisations) {
                adapters.put(org, PayaraMicroProcess.freePort());
            }
            return new Ports(PayaraMicroProcess.freePort(), PayaraMicroProcess.freePort(), PayaraMicroProcess.freePort(),
                    adapters, List.of(PayaraMicroProcess.freePort(), PayaraMicroProcess.freePort()),
                    List.of(PayaraMicroProcess.freePort(), PayaraMicroProcess.freePort()));
        }
    }

    /**
     * What to start: {@code data} holds every piece's directory ({@code <data>/<piece>/payara.log}) and the demo's
     * provisioned keys; {@code overrides} are settings given to every piece on top (e.g. {@code -Ddho.*}).
     */
    public record Plan(Artifacts artifacts, Path data, Ports ports, Database registryDatabase, String clusterName,
                       Duration timeout, Map<String, String> overrides) {
    }

    /** One JVM of the stack; {@code heap}: its -Xmx (the whole demo stays well under 6 GB resident). */
    record Piece(String name, int port, List<Deployment> deployments, Map<String, String> settings, String heap,
                 Cluster cluster) {
    }

    public static final String TRUST_ANCHOR = "trust-anchor";
    public static final String REGISTRY = "registry";
    public static final List<String> GATEWAYS = List.of("gateway-a", "gateway-b");
    /** Heaps per role: enough for each piece's warm-up and the demo's load, no more. */
    static final String TRUST_ANCHOR_HEAP = "192m";
    static final String REGISTRY_HEAP = "384m";
    static final String ADAPTER_HEAP = "256m";
    static final String PLATFORM_ADAPTER_HEAP = "448m";
    static final String GATEWAY_HEAP = "384m";

    private final Plan plan;
    private final Map<String, Piece> pieces;
    private final Map<String, PayaraMicroProcess> running = new ConcurrentHashMap<>();
    private LoadBalancer loadBalancer;

    private DistributedStack(Plan plan, Map<String, Piece> pieces) {
        this.plan = plan;
        this.pieces = pieces;
    }

    /** The name of an organisation's adapter piece. */
    public static String adapter(String org) {
        return "adapter-" + org;
    }

    /** Every piece's settings, before anything starts (the demo's keys provisioned under the plan's data directory). */
    static Map<String, Piece> pieces(Plan plan, DemoOrganisations organisations) {
        Ports ports = plan.ports();
        DemoConfiguration.Trust trust = DemoConfiguration.provisionTrust(plan.data());
        String issuer = base(ports.trustAnchor()) + "/trust";
        String registry = base(ports.registry()) + "/registry/services/registry";
        Artifacts a = plan.artifacts();
        Map<String, Piece> pieces = new LinkedHashMap<>();

        Map<String, String> anchor = common(plan, TRUST_ANCHOR, issuer);
        anchor.putAll(DemoConfiguration.trustAnchor(organisations));
        // The web app is served by the gateway nodes; users reach them through the load balancer.
        anchor.putAll(DemoConfiguration.browserApp(base(ports.loadBalancer())));
        add(pieces, plan, new Piece(TRUST_ANCHOR, ports.trustAnchor(),
                List.of(new Deployment(a.trustAnchor(), "/trust")), anchor, TRUST_ANCHOR_HEAP, null));

        Map<String, String> registrySettings = common(plan, REGISTRY, issuer);
        registrySettings.put("dho.xua.trustStore", trust.trustStore().toString());
        registrySettings.putAll(organisations.registry());
        registrySettings.putAll(plan.registryDatabase().settings());
        add(pieces, plan, new Piece(REGISTRY, ports.registry(), List.of(new Deployment(a.registry(), "/registry")),
                registrySettings, REGISTRY_HEAP, null));

        for (DemoOrganisations.Organisation org : organisations.all()) {
            int port = ports.adapters().get(org.name());
            Map<String, String> s = common(plan, adapter(org.name()), issuer);
            s.put("dho.registry.url", registry);
            s.put("dho.xua.trustStore", trust.trustStore().toString());
            s.putAll(org.adapter(base(port)));
            List<Deployment> deployments = new ArrayList<>();
            boolean platform = "fhir".equals(org.kind());
            if (platform) {
                // The organisation's own FHIR platform (the demo's), beside its adapter: ${base}/demo-platform/fhir.
                deployments.add(new Deployment(a.platform(), "/demo-platform"));
            }
            deployments.add(new Deployment(a.adapters(), "/adapters/" + org.name()));
            add(pieces, plan, new Piece(adapter(org.name()), port, deployments, s,
                    platform ? PLATFORM_ADAPTER_HEAP : ADAPTER_HEAP, null));
        }

        for (int i = 0; i < GATEWAYS.size(); i++) {
            Map<String, String> s = common(plan, GATEWAYS.get(i), issuer);
            s.put("dho.registry.url", registry);
            s.put("dho.gateway.xua.key", trust.gatewayKey().toString());
            s.put("dho.gateway.xua.certificate", trust.gatewayCertificate().toString());
            s.putAll(organisations.gateway(name -> base(ports.adapters().get(name))));
            // The DPoP replay cache and the breakers' state on the data grid, shared by the nodes.
            s.put("dho.gateway.grid", "payara");
            add(pieces, plan, new Piece(GATEWAYS.get(i), ports.gateways().get(i),
                    List.of(new Deployment(a.gateway(), "/gateway")), s, GATEWAY_HEAP,
                    new Cluster(plan.clusterName(), ports.grid().get(i), ports.grid())));
        }
        return pieces;
    }

    private static void add(Map<String, Piece> pieces, Plan plan, Piece piece) {
        Map<String, String> settings = new LinkedHashMap<>(piece.settings());
        settings.putAll(plan.overrides());
        pieces.put(piece.name(), new Piece(piece.name(), piece.port(), piece.deployments(), settings, piece.heap(),
                piece.cluster()));
    }

    private static Map<String, String> common(Plan plan, String piece, String issuer) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("dho.data.dir", plan.data().resolve(piece).toAbsolutePath().toString());
        s.put("dho.trust.issuer", issuer);
        s.put("dho.trust.audience", "nhn:dho-index");
        return s;
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts the load balancer, then every piece at once, waits for each one's readiness (saying what it still waits
     * for), then for the load balancer to have a node in. PostgreSQL unreachable or HAProxy missing: an exception
     * saying so, before anything starts.
     */
    public static DistributedStack start(Plan plan, DemoOrganisations organisations) throws IOException {
        String unreachable = Postgres.unreachableReason(plan.registryDatabase().url(), plan.registryDatabase().user(),
                plan.registryDatabase().password());
        if (unreachable != null) {
            throw new IOException("The distributed demo's registry runs on PostgreSQL: " + unreachable
                    + " (set DHO_REGISTRY_DB_URL / _USER / _PASSWORD / _SCHEMA)");
        }
        LoadBalancer.command(); // fails naming the install script when HAProxy is missing
        DistributedStack stack = new DistributedStack(plan, pieces(plan, organisations));
        // The progress lines name ports ([payara :port]): which piece is where.
        StringBuilder where = new StringBuilder("  load balancer (HAProxy) :" + plan.ports().loadBalancer());
        stack.pieces.values().forEach(p -> where.append(", ").append(p.name()).append(" :").append(p.port())
                .append(p.cluster() == null ? "" : " (data grid :" + p.cluster().port() + ")"));
        System.out.println("Starting DHO Index distributed (data in " + plan.data() + ", registry in PostgreSQL schema "
                + plan.registryDatabase().schema() + ") with the organisations " + String.join(", ", organisations.names())
                + ", every piece in its own JVM:\n" + where);
        try {
            stack.loadBalancer = LoadBalancer.launch(plan.data().resolve("load-balancer"), plan.ports().loadBalancer(),
                    plan.ports().gateways(), plan.timeout());
            stack.startPieces(new ArrayList<>(stack.pieces.keySet()));
            stack.loadBalancer.awaitANodeIn(plan.timeout());
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startPieces(List<String> names) throws IOException {
        ExecutorService starter = Executors.newFixedThreadPool(names.size());
        try {
            Map<String, Future<PayaraMicroProcess>> started = new LinkedHashMap<>();
            for (String name : names) {
                started.put(name, starter.submit(() -> startPiece(pieces.get(name))));
            }
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Future<PayaraMicroProcess>> e : started.entrySet()) {
                try {
                    running.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException failed) {
                    failures.add(e.getKey() + ": " + failed.getCause().getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new IOException("Not started: " + String.join("; ", failures));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting", e);
        } finally {
            starter.shutdownNow();
        }
    }

    private PayaraMicroProcess startPiece(Piece piece) throws IOException {
        return PayaraMicroProcess.start(plan.artifacts().microJar(), piece.deployments(), piece.settings(),
                plan.data().resolve(piece.name()), List.of(), plan.timeout(), piece.port(), piece.cluster(), piece.heap());
    }

    /** Kills a piece at once (SIGKILL), as a crash would. */
    public void kill(String piece) {
        PayaraMicroProcess process = running.remove(piece);
        if (process != null) {
            process.kill();
        }
    }

    /** Starts a killed or stopped piece again: the same port, settings and data; waits for its readiness. */
    public void restart(String piece) throws IOException {
        kill(piece);
        startPieces(List.of(piece));
    }

    /** The running process of a piece (absent once killed). */
    public PayaraMicroProcess process(String piece) {
        PayaraMicroProcess process = running.get(piece);
        if (process == null) {
            throw new IllegalStateException(piece + " is not running");
        }
        return process;
    }

    /** The pieces' names, in start order. */
    public List<String> pieceNames() {
        return List.copyOf(pieces.keySet());
    }

    public URI uri(String piece, String path) {
        return URI.create(base(pieces.get(piece).port()) + (path.startsWith("/") ? path : "/" + path));
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    /** Where clinicians reach the gateway (the load balancer) and every other piece. */
    public DemoGuide guide() {
        return new DemoGuide(loadBalancer.uri("/"), uri(REGISTRY, "/"), uri(TRUST_ANCHOR, "/"),
                org -> uri(adapter(org), "/"), uri(adapter(platformOrganisation()), "/"));
    }

    private String platformOrganisation() {
        return pieces.values().stream().filter(p -> p.deployments().stream()
                        .anyMatch(d -> d.contextRoot().equals("/demo-platform")))
                .map(p -> p.name().substring("adapter-".length())).findFirst().orElseThrow();
    }

    public Plan plan() {
        return plan;
    }

    /** Stops the load balancer and every piece (in parallel: each may take seconds to stop). */
    @Override
    public void close() {
        if (loadBalancer != null) {
            loadBalancer.close();
        }
        List<Thread> stopping = new ArrayList<>();
        for (PayaraMicroProcess process : running.values()) {
            Thread t = new Thread(process::close, "stop-" + process.port());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = DevStack.options(args);
        int port = Integer.parseInt(options.getOrDefault("port", "8080"));
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path data = Files.createDirectories(Path.of(options.getOrDefault("data", root.resolve("data").toString()))
                .toAbsolutePath());
        System.setProperty("dho.demo.dir", System.getProperty("dho.demo.dir", root.resolve("demo").toString()));
        DemoOrganisations organisations = DemoOrganisations.demo();
        Map<String, String> overrides = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("dho.") && !k.equals("dho.demo.dir"))
                .forEach(k -> overrides.put(k, System.getProperty(k)));
        Plan plan = new Plan(Artifacts.built(root), data, Ports.from(port, organisations.names()), Database.fromEnvironment(),
                "dho-demo-" + port, Duration.ofMinutes(Long.parseLong(System.getenv().getOrDefault("DHO_START_MINUTES", "10"))),
                overrides);

        long starting = System.nanoTime();
        Ports ports = plan.ports();
        DistributedStack stack;
        try {
            stack = start(plan, organisations);
        } catch (IOException e) {
            System.err.println("dho: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-stack"));
        System.out.println("[load balancer :" + ports.loadBalancer() + "] both gateway nodes behind it, ready");

        DemoGuide guide = stack.guide();
        guide.recordTokenEndpoint(data);
        guide.loadDemoData(data);
        guide.printWhatToTry(root, "Logs: " + data + "/<piece>/payara.log (earlier starts: payara.log.1 … .5), HAProxy: "
                + stack.loadBalancer().log() + "\nOne piece by hand: kill its pid (below); start it again with " + data + "/<piece>/run.sh."
                + " Stop everything: Ctrl-C (a piece started by hand: kill it yourself)");
        StringBuilder pids = new StringBuilder("pids:");
        for (String name : stack.pieceNames()) {
            pids.append(' ').append(name).append('=').append(stack.process(name).pid());
        }
        pids.append(" load-balancer=").append(stack.loadBalancer().pid());
        System.out.println(pids);
        System.out.println("DHO Index is up (distributed): ready in " + (System.nanoTime() - starting) / 1_000_000 + " ms");
        Thread.currentThread().join();
    }
}
