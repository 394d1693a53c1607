package no.dhoindex.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server this launcher started as a child process, answering HTTP on 127.0.0.1 at its port, its output in a log. */
public abstract class LoopbackProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final String what;

    protected LoopbackProcess(Process process, int port, Path log, String what) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.what = what;
    }

    /**
     * Waits until every path answers below 400 (or the process dies, or the timeout passes). Answering is not
     * readiness: a caller that needs an application ready waits on its readiness as well.
     */
    protected void awaitAnswering(List<String> paths, Duration timeout) throws IOException {
        // HTTP/1.1 as every other client here: without it the JDK client offers an h2c upgrade on each attempt.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        List<String> pending = new ArrayList<>(paths);
        while (!pending.isEmpty()) {
            if (!process.isAlive()) {
                throw new IOException(what + " exited with " + process.exitValue() + "; see " + log + lastLines(log, 8));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException(what + " on port " + port + " does not answer " + pending + " within " + timeout
                        + "; see " + log + lastLines(log, 8));
            }
            String path = pending.get(0);
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 400) {
                    pending.remove(0);
                    continue;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + what, e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + what, e);
            }
        }
    }

    /** The log's last lines, so that a failure report on a machine whose files are gone still says why. */
    static String lastLines(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "";
            }
            return "; its last lines:\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** False once the process has exited (e.g. Payara Micro when a deployment failed and it gave up). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process (SIGTERM), and kills it when it has not stopped within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process at once (SIGKILL), as a crash or an operator's {@code kill -9} would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
