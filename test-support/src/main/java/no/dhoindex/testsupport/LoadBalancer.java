package no.dhoindex.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * HAProxy from the operating system's packages ({@code scripts/install-packages.sh haproxy}) in front of the
 * gateway nodes, configured by the project: bound to 127.0.0.1, a node taken out when its {@code /health/ready}
 * fails, and a request whose connection to a dead node failed sent to another node. Only connection failures are
 * retried: a request that reached a node may have used its single-use DPoP proof, which the other node refuses.
 */
public final class LoadBalancer extends LoopbackProcess {

    /** How often each node's readiness is checked; two failures in a row take it out, two successes bring it back. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    /** HAProxy's own answer (200) that it runs and holds its port. */
    public static final String ALIVE = "/load-balancer/alive";

    private LoadBalancer(Process process, int port, Path log) {
        super(process, port, log, "HAProxy");
    }

    /** HAProxy's configuration for {@code port} in front of the gateway nodes at {@code nodePorts} on 127.0.0.1. */
    public static String configuration(int port, List<Integer> nodePorts) {
        StringBuilder c = new StringBuilder();
        c.append("# Made by DHO Index (test-support LoadBalancer) for this stack; rewritten at every start.\n");
        // No fixed maxconn: HAProxy 2.3+ refuses to start when it cannot raise the descriptor limit to what a fixed
        // maxconn needs (512 needs 1043, above the common hard limit of 1024); unset, it sizes maxconn from the limit.
        c.append("global\n\n");
        c.append("defaults\n  mode http\n  option httplog\n  log stdout format raw local0\n");
        c.append("  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n");
        // A connection refused by a killed node is tried once more at another node (redispatch), never a request
        // the node already received (retry-on conn-failure only).
        c.append("  retries 2\n  option redispatch 1\n  retry-on conn-failure\n\n");
        c.append("frontend gateway\n  bind 127.0.0.1:").append(port).append("\n");
        // Answered by HAProxy itself, nodes or not: that it is up (the launch waits for it), not that a node is.
        c.append("  monitor-uri ").append(ALIVE).append("\n  default_backend gateway-nodes\n\n");
        c.append("backend gateway-nodes\n  balance roundrobin\n");
        c.append("  option httpchk GET /health/ready\n  http-check expect status 200\n");
        c.append("  default-server inter ").append(CHECK_EVERY.toMillis()).append("ms fall 2 rise 2\n");
        char name = 'a';
        for (int node : nodePorts) {
            c.append("  server gateway-").append(name++).append(" 127.0.0.1:").append(node).append(" check\n");
        }
        return c.toString();
    }

    /** The haproxy command: on the PATH, else where Debian's package puts it (not on a plain user's PATH). */
    public static String command() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "haproxy"))) {
                return Path.of(dir, "haproxy").toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/sbin/haproxy"))) {
            return "/usr/sbin/haproxy";
        }
        throw new IOException("HAProxy is not installed: the distributed stack's load balancer needs it"
                + " (scripts/install-packages.sh haproxy installs it from the Debian archive)");
    }

    /**
     * Writes the configuration into {@code workDir}, starts HAProxy in the foreground (its log beside it) and waits
     * until it answers {@link #ALIVE} on {@code port} itself (a port someone else holds answers nothing of it, and
     * HAProxy exits saying so); it answers 503 elsewhere until a node is in ({@link #awaitANodeIn}). Launched before
     * the nodes: a port found free is taken at once, not minutes later, when the stack's own connections may hold it.
     */
    public static LoadBalancer launch(Path workDir, int port, List<Integer> nodePorts, Duration timeout) throws IOException {
        Files.createDirectories(workDir);
        Path config = workDir.resolve("haproxy.cfg");
        Files.writeString(config, configuration(port, nodePorts));
        Path log = PayaraMicroProcess.rotate(workDir.resolve("haproxy.log"));
        Process process = new ProcessBuilder(command(), "-db", "-f", config.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LoadBalancer balancer = new LoadBalancer(process, port, log);
        try {
            balancer.awaitAnswering(List.of(ALIVE), timeout);
        } catch (IOException | RuntimeException e) {
            balancer.close();
            throw e;
        }
        return balancer;
    }

    /** Waits until HAProxy answers {@code /health/ready} with 200: at least one node has passed its checks. */
    public void awaitANodeIn(Duration timeout) throws IOException {
        awaitAnswering(List.of("/health/ready"), timeout);
    }

}
