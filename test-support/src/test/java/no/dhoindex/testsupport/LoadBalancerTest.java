package no.dhoindex.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's HAProxy configuration, run by the real HAProxy ({@code ./dho test} installs it). */
class LoadBalancerTest {

    @TempDir
    Path dir;

    /**
     * A CI shell commonly allows 1024 open files and no more: HAProxy must still start there (a fixed maxconn of 512
     * made it exit with "Cannot raise FD limit to 1043").
     */
    @Test
    void startsUnderTheUsualDescriptorLimitOf1024() throws Exception {
        int port = PayaraMicroProcess.freePort();
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, LoadBalancer.configuration(port,
                List.of(PayaraMicroProcess.freePort(), PayaraMicroProcess.freePort())));
        Path log = dir.resolve("haproxy.log");
        Process haproxy = new ProcessBuilder("sh", "-c", "ulimit -n 1024 && exec \"$0\" -db -f \"$1\"",
                LoadBalancer.command(), config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!listens(port)) {
                if (!haproxy.isAlive()) {
                    fail("HAProxy exited with " + haproxy.exitValue() + ":\n" + Files.readString(log));
                }
                if (Instant.now().isAfter(deadline)) {
                    fail("HAProxy does not listen on " + port + " within 30 s:\n" + Files.readString(log));
                }
                haproxy.waitFor(100, TimeUnit.MILLISECONDS);
            }
            assertTrue(haproxy.isAlive());
        } finally {
            haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Launched before the nodes: it holds its port at once and answers 503 until a node is in. */
    @Test
    void launchedWithNoNodeUpItListensAndAnswers503() throws Exception {
        int port = PayaraMicroProcess.freePort();
        try (LoadBalancer balancer = LoadBalancer.launch(dir, port,
                List.of(PayaraMicroProcess.freePort(), PayaraMicroProcess.freePort()), Duration.ofSeconds(30))) {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(balancer.uri("/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(503, answer.statusCode());
            IOException noNode = assertThrows(IOException.class, () -> balancer.awaitANodeIn(Duration.ofSeconds(1)));
            assertTrue(noNode.getMessage().contains("does not answer [/health/ready]"), noNode.getMessage());
        }
    }

    /** A port someone else holds: HAProxy's own reason in the failure, at once, not after the nodes' start. */
    @Test
    void aPortAlreadyTakenFailsTheLaunchWithHaproxysReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException failure = assertThrows(IOException.class, () -> LoadBalancer.launch(dir, taken.getLocalPort(),
                    List.of(PayaraMicroProcess.freePort()), Duration.ofSeconds(30)));
            assertTrue(failure.getMessage().contains("HAProxy exited with"), failure.getMessage());
            assertTrue(failure.getMessage().contains("cannot bind socket"), failure.getMessage());
        }
    }

    @Test
    void anExitReportCarriesTheLogsLastLines() throws IOException {
        Path log = dir.resolve("x.log");
        Files.writeString(log, "one\ntwo\nthree\n");
        assertEquals("; its last lines:\n  two\n  three", LoopbackProcess.lastLines(log, 2));
        assertEquals("", LoopbackProcess.lastLines(dir.resolve("missing.log"), 2));
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
