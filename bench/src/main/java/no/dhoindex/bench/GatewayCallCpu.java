package no.dhoindex.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.gateway.directory.Community;
import no.dhoindex.gateway.fanout.FanOut;
import no.dhoindex.gateway.federation.FederatedAnswer;
import no.dhoindex.gateway.federation.Federation;
import no.dhoindex.gateway.xca.StoredQueryClient;
import no.dhoindex.gateway.xca.UnsecuredQuerySources;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.state.LocalBreakerStates;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.XDS;

/**
 * The gateway's CPU per federated question, client side only: the real {@link StoredQueryClient}, {@link FanOut}
 * and {@link Federation} (ITI-18 to a simulated registry, then ITI-38 to N simulated responding gateways that
 * answer after a fixed delay with 2 DocumentEntries each, as in {@code ./dho bench gateway}), without Payara and
 * without the inbound ITI-18. The JDK HttpClient conduit works on its own threads, so the figure is the process's
 * CPU (every thread, GC and JIT included) minus the simulated sources' server threads, per question; the asking
 * thread's own CPU is the serial part. Security off, as in the gateway benchmark: no XUA assertion.
 * {@code mvn -o -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/cp.txt}, then
 * {@code java -cp bench/target/classes:$(cat bench/target/cp.txt) no.dhoindex.bench.GatewayCallCpu QUESTIONS [N [CLIENTS
 * [ROUNDS]]]}: the gateway's {@link StoredQueryClient} (the CXF ports it replaced were compared with it in
 * interleaved rounds, bench/results/gwsoap-call-cpu-20261203.md)
 * (exec:java runs the pom's main class whatever {@code -Dexec.mainClass} says).
 */
public final class GatewayCallCpu {

    private static final String PATIENT = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";
    private static final String SERVER_THREAD = "simulated-source-";

    private GatewayCallCpu() {
    }

    public static void main(String[] args) throws Exception {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Duration delay = Duration.ofMillis(50);
        // The fan-out logs a line per source at INFO; on the console that would measure the terminal.
        Logger.getLogger("").setLevel(Level.WARNING);
        Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService serverThreads = Executors.newFixedThreadPool(clients * (n + 1) + 8,
                r -> new Thread(r, SERVER_THREAD + threadNumber.incrementAndGet()));
        List<SimulatedCommunity> simulated = new ArrayList<>();
        // Breakers never open: a late source must not turn later questions into cheaper ones.
        FanOut fanOut = new FanOut(400, Integer.MAX_VALUE, Duration.ofSeconds(10), new LocalBreakerStates(), Clock.systemUTC());
        try {
            SimulatedCommunity registry = new SimulatedCommunity("registry", "urn:oid:2.25.0", 0, Duration.ZERO,
                    serverThreads);
            simulated.add(registry);
            List<Community> communities = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                SimulatedCommunity c = new SimulatedCommunity("community" + i, "urn:oid:2.25." + i, 2, delay,
                        serverThreads);
                simulated.add(c);
                communities.add(new Community("community" + i, c.homeCommunityId(), c.uri(), null, Set.of(),
                        Duration.ofSeconds(1), false, null, null));
            }
            Map<String, Federation> federations = new LinkedHashMap<>();
            federations.put("plain", new Federation(() -> communities, new UnsecuredQuerySources(new StoredQueryClient(),
                    registry.uri(), Duration.ofSeconds(3)), fanOut, Duration.ofSeconds(3), Duration.ofSeconds(5), Clock.systemUTC()));
            StoredQuery query = XdsMessages.readQuery(XdsMessages.findDocuments(PatientId.parseCx(PATIENT), List.of(),
                    List.of()), XDS.Interactions.ITI_18).query();
            Caller caller = Caller.unchecked("GatewayCallCpu");

            for (Federation federation : federations.values()) {
                run(federation, caller, query, n, Math.max(200, questions / 4), clients, null);
            }
            System.out.println(String.format(Locale.ROOT, "%d communities answering after %d ms; %d questions a round"
                    + " from %d client(s) after %d warm-up questions per client; rounds %s, interleaved",
                    n, delay.toMillis(), questions, clients, Math.max(200, questions / 4), federations.keySet()));
            System.out.println("| client | round | gateway CPU per question (process − simulated sources) | per ITI-38 call |"
                    + " asking threads' CPU per question | simulated sources' CPU per question | median | p90 | not Success |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, Federation> f : federations.entrySet()) {
                    Figures figures = new Figures();
                    run(f.getValue(), caller, query, n, questions, clients, figures);
                    System.out.println(String.format(Locale.ROOT,
                            "| %s | %d | %.2f ms | %.3f ms | %.2f ms | %.2f ms | %.1f ms | %.1f ms | %d |", f.getKey(), round,
                            figures.gateway() / 1e6 / questions, figures.gateway() / 1e6 / questions / n,
                            figures.asking / 1e6 / questions, figures.servers / 1e6 / questions,
                            figures.percentile(50), figures.percentile(90), figures.partial));
                }
            }
        } finally {
            fanOut.stop();
            simulated.forEach(SimulatedCommunity::close);
            serverThreads.shutdownNow();
        }
    }

    /** {@code questions} in all, asked by {@code clients} threads at once, each its share one after the other. */
    private static void run(Federation federation, Caller caller, StoredQuery query, int n, int questions,
                            int clients, Figures figures) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long process = os.getProcessCpuTime();
        long servers = serverCpu(threads);
        AtomicLong asking = new AtomicLong();
        List<Long> wall = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> askers = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            int first = k;
            askers.add(new Thread(() -> {
                long own = threads.getCurrentThreadCpuTime();
                try {
                    for (int q = first; q < questions; q += clients) {
                        wall.add(ask(federation, caller, query, n, q, figures != null));
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                asking.addAndGet(threads.getCurrentThreadCpuTime() - own);
            }, "asking-" + k));
        }
        askers.forEach(Thread::start);
        for (Thread t : askers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.get(0));
        }
        if (figures != null) {
            wall.forEach(w -> figures.wall.add(Math.abs(w)));
            figures.partial = wall.stream().filter(w -> w < 0).count();
            figures.asking = asking.get();
            figures.servers = serverCpu(threads) - servers;
            figures.process = os.getProcessCpuTime() - process;
        }
    }

    private static long ask(Federation federation, Caller caller, StoredQuery query, int n, int q, boolean counted) {
        long started = System.nanoTime();
        // Warm-up questions as the gateway's own warm-up asks them: a cold client's first calls miss their
        // deadline (CXF's and the JIT's start), and must not open the breakers the counted questions go through.
        FederatedAnswer answer = counted ? federation.ask(caller, query, "cpu-" + q)
                : federation.warmUp(caller, query, "warm-up-" + q, c -> true);
        long took = System.nanoTime() - started;
        QueryAnswer merged = answer.answer();
        if (counted && merged.status() == QueryAnswer.Status.SUCCESS && merged.result().documents().size() != 2 * n) {
            throw new IllegalStateException("question " + q + ": Success with " + merged.result().documents().size()
                    + " entries, " + answer.sources());
        }
        // A source past its deadline (a busy machine, many clients) is counted, as the gateway benchmark does.
        return counted && merged.status() != QueryAnswer.Status.SUCCESS ? -took : took;
    }

    /** The simulated sources' CPU so far: their HTTP servers' dispatcher threads and their handler pool. */
    private static long serverCpu(ThreadMXBean threads) {
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && (t.getThreadName().startsWith(SERVER_THREAD)
                    || t.getThreadName().startsWith("HTTP-Dispatcher"))) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static final class Figures {
        final List<Long> wall = new ArrayList<>();
        long asking;
        long servers;
        long process;
        long partial;

        long gateway() {
            return process - servers;
        }

        double percentile(int p) {
            List<Long> sorted = wall.stream().sorted().toList();
            return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
        }
    }
}
