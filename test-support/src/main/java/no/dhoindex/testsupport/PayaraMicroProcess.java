package no.dhoindex.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * One Payara Micro JVM running the built deployables, bound to 127.0.0.1 on a free port. Tests
 * share one per module (see {@link SharedServer}); {@code ./dho start} runs the same command.
 */
public final class PayaraMicroProcess extends LoopbackProcess {

    /**
     * A WAR at its context root; {@code readiness}: whether the application reports its own readiness
     * (a {@code /health/ready} check named after its context root) for the start to wait on. Every
     * deployable of DHO Index does; a test archive may not.
     */
    public record Deployment(Path war, String contextRoot, boolean readiness) {
        public Deployment(Path war, String contextRoot) {
            this(war, contextRoot, true);
        }
    }

    /**
     * A data-grid (Hazelcast) cluster on loopback: this node listens at {@code port} on 127.0.0.1 and
     * finds the others by TCP at {@code memberPorts}, never by multicast, and joins only a cluster of
     * its {@code name}, so other servers on the machine neither join nor are joined.
     */
    public record Cluster(String name, int port, List<Integer> memberPorts) {

        /** The Payara Micro options that start a node of this cluster. */
        public List<String> options() {
            StringBuilder members = new StringBuilder();
            for (int member : memberPorts) {
                members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(member);
            }
            return List.of("--clustername", name, "--clustermode", "tcpip:" + members, "--interfaces", "127.0.0.1",
                    "--startport", String.valueOf(port));
        }
    }

    private PayaraMicroProcess(Process process, int port, Path log) {
        super(process, port, log, "Payara Micro");
    }

    /**
     * Starts Payara Micro and waits until every {@code readyPath} answers and {@code /health/ready} is UP
     * with a check for every deployment, named after its context root (or the process dies, or the
     * timeout passes), saying every few seconds what it still waits for. An earlier {@code payara.log}
     * in {@code workDir} is kept as {@code payara.log.1} (up to five). A zero {@code timeout}: started, not waited for.
     */
    public static PayaraMicroProcess start(Path microJar, List<Deployment> deployments,
                                           Map<String, String> systemProperties, Path workDir,
                                           List<String> readyPaths, Duration timeout) throws IOException {
        return start(microJar, deployments, systemProperties, workDir, readyPaths, timeout, 0);
    }

    /** As above, on the given port ({@code 0}: a free one). */
    public static PayaraMicroProcess start(Path microJar, List<Deployment> deployments,
                                           Map<String, String> systemProperties, Path workDir,
                                           List<String> readyPaths, Duration timeout, int fixedPort)
            throws IOException {
        return start(microJar, deployments, systemProperties, workDir, readyPaths, timeout, fixedPort, null);
    }

    /** As above, as a node of {@code cluster} ({@code null}: alone, clustering off). */
    public static PayaraMicroProcess start(Path microJar, List<Deployment> deployments,
                                           Map<String, String> systemProperties, Path workDir,
                                           List<String> readyPaths, Duration timeout, int fixedPort,
                                           Cluster cluster) throws IOException {
        return start(microJar, deployments, systemProperties, workDir, readyPaths, timeout, fixedPort, cluster,
                DEFAULT_MAX_HEAP);
    }

    /** The heap of a Payara Micro that runs the whole stack (one JVM). */
    public static final String DEFAULT_MAX_HEAP = "1g";

    /**
     * As above, with the JVM's maximum heap ({@code -Xmx}, e.g. {@code 384m}): a piece of the distributed demo
     * needs less than the whole stack in one JVM.
     */
    public static PayaraMicroProcess start(Path microJar, List<Deployment> deployments,
                                           Map<String, String> systemProperties, Path workDir,
                                           List<String> readyPaths, Duration timeout, int fixedPort,
                                           Cluster cluster, String maxHeap) throws IOException {
        if (!maxHeap.matches("[0-9]+[kmgKMG]?")) {
            throw new IllegalArgumentException("Not a heap size for -Xmx: " + maxHeap);
        }
        Files.createDirectories(workDir);
        int port = fixedPort > 0 ? fixedPort : freePort();
        Path tmp = Files.createDirectories(workDir.resolve("tmp"));
        Path preBoot = workDir.resolve("preboot.asadmin");
        // Loopback only: tests and benchmarks never listen on the machine's other addresses. Then the server settings
        // every deployment of DHO Index runs with (deploy/payara-preboot.asadmin: compressed answers when asked).
        Files.writeString(preBoot, "set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.http-listener.address=127.0.0.1\n" + Files.readString(serverSettings()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(microJar));
        command.add("-Xmx" + maxHeap);
        command.add("-Djava.io.tmpdir=" + tmp.toAbsolutePath());
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", microJar.toAbsolutePath().toString(), "--port", String.valueOf(port)));
        // Not clustered: no Hazelcast at all. --nohazelcast alone: Payara Micro 6 reads --nocluster first, and with it
        // only turns clustering off, leaving a local Hazelcast instance running (38 threads, 5-14 ms of CPU a second).
        // Nothing here needs one unclustered (no EJB timers, JCache or distributable sessions; the gateway's shared
        // state asks for a cluster, dho.gateway.grid=payara, and then gets the cluster's options).
        command.addAll(cluster == null ? List.of("--nohazelcast") : cluster.options());
        command.addAll(List.of("--disablephonehome", "--prebootcommandfile", preBoot.toAbsolutePath().toString()));
        for (Deployment d : deployments) {
            command.add("--deploy");
            command.add(d.war().toAbsolutePath() + ":" + d.contextRoot());
        }
        Path log = rotate(workDir.resolve("payara.log"));
        writeRunScript(workDir.resolve("run.sh"), command);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        PayaraMicroProcess server = new PayaraMicroProcess(process, port, log);
        if (timeout.isZero()) {
            return server; // no wait: the caller watches the start itself (e.g. a deployment that must fail)
        }
        try {
            Instant deadline = Instant.now().plus(timeout);
            server.awaitAnswering(readyPaths, timeout);
            // Each application's own readiness (named after its context root), not merely its endpoints answering.
            List<String> reporting = deployments.stream().filter(Deployment::readiness)
                    .map(d -> d.contextRoot().startsWith("/") ? d.contextRoot() : "/" + d.contextRoot()).toList();
            if (!reporting.isEmpty()) {
                ReadinessWait.await(server.uri("/health/ready"), reporting, deadline, PROGRESS_EVERY,
                        process::isAlive, m -> System.out.println("[payara :" + port + "] " + m), log.toString());
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The Payara settings of every deployment (the README's run commands give the same file to Payara). */
    static Path serverSettings() {
        return DemoConfiguration.demoDirectory().resolveSibling("deploy").resolve("payara-preboot.asadmin");
    }

    /**
     * The same start as a shell script beside the log, so that an operator can start this one piece again by hand
     * ({@code sh run.sh}); it appends to {@code payara.log}.
     */
    static void writeRunScript(Path script, List<String> command) throws IOException {
        StringBuilder s = new StringBuilder("#!/bin/sh\n# Starts this piece as its launcher did; the log goes on in payara.log.\n");
        s.append("cd '").append(script.getParent().toAbsolutePath().toString().replace("'", "'\\''")).append("' && exec");
        for (String part : command) {
            s.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        s.append(" >> payara.log 2>&1\n");
        Files.writeString(script, s.toString());
        script.toFile().setExecutable(true, true);
    }

    /** How often the wait for readiness says what it is still waiting for. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** Earlier runs' logs kept beside payara.log: payara.log.1 (the last run) … payara.log.5. */
    static final int KEPT_LOGS = 5;

    /** Moves an earlier run's log aside (payara.log → payara.log.1 → … → payara.log.5, the oldest dropped). */
    static Path rotate(Path log) throws IOException {
        if (Files.exists(log)) {
            Files.deleteIfExists(log.resolveSibling(log.getFileName() + "." + KEPT_LOGS));
            for (int i = KEPT_LOGS - 1; i >= 1; i--) {
                Path older = log.resolveSibling(log.getFileName() + "." + i);
                if (Files.exists(older)) {
                    Files.move(older, log.resolveSibling(log.getFileName() + "." + (i + 1)));
                }
            }
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"));
        }
        return log;
    }

    /** The --add-opens / --add-exports flags the jar's manifest asks for (it cannot apply them itself). */
    static List<String> jvmOptions(Path microJar) throws IOException {
        List<String> options = new ArrayList<>();
        try (JarFile jar = new JarFile(microJar.toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            for (String module : value(attributes.getValue("Add-Opens"))) {
                options.add("--add-opens=" + module + "=ALL-UNNAMED");
            }
            for (String module : value(attributes.getValue("Add-Exports"))) {
                options.add("--add-exports=" + module + "=ALL-UNNAMED");
            }
        }
        return options;
    }

    private static List<String> value(String attribute) {
        return attribute == null ? List.of() : List.of(attribute.trim().split("\\s+"));
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
