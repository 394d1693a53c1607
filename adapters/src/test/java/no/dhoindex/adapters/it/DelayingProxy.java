package no.dhoindex.adapters.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import no.dhoindex.testsupport.PayaraMicroProcess;

/**
 * A TCP proxy on 127.0.0.1 in front of the registry, for fault tests: it passes bytes through,
 * except that the answers to the next {@code count} requests whose head contains a marker (e.g. the
 * SOAP action) are held back for a while: the registry has done its work, the caller's read times
 * out first. Requests are always forwarded at once.
 */
final class DelayingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "delaying-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile String marker = "\u0000";
    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger heldBack = new AtomicInteger();
    private final AtomicInteger dropping = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    private DelayingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(PayaraMicroProcess.freePort(), 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    static DelayingProxy start(int upstreamPort) throws IOException {
        return new DelayingProxy(upstreamPort);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Holds back the answers to the next {@code count} requests containing {@code marker} for {@code delay}. */
    void delayAnswers(String marker, int count, Duration delay) {
        this.marker = marker;
        this.delay = delay;
        remaining.set(count);
        heldBack.set(0);
        dropping.set(0);
    }

    /**
     * Drops the next {@code count} requests containing {@code marker}: the connection is closed without
     * the request reaching the registry, as a registry that went down mid-call (0 restores).
     */
    void dropRequests(String marker, int count) {
        this.marker = marker;
        this.delay = Duration.ZERO;
        dropping.set(count);
        remaining.set(0);
        dropped.set(0);
    }

    /** How many requests were dropped since {@link #dropRequests}. */
    int dropped() {
        return dropped.get();
    }

    /** How many answers were held back since {@link #delayAnswers}: a test checks its fault really happened. */
    int heldBack() {
        return heldBack.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Connection connection = new Connection();
                threads.execute(() -> pump(client, upstream, connection, true));
                threads.execute(() -> pump(upstream, client, connection, false));
            } catch (IOException e) {
                // closed, or the upstream refused: the client sees its connection closed
            }
        }
    }

    /** Per connection: the head of the request under way, and whether its answer is to be held back. */
    private static final class Connection {
        final StringBuilder head = new StringBuilder();
        volatile boolean decided;
        volatile boolean holdNextAnswer;
        volatile boolean answerStarted = true;
    }

    private void pump(Socket from, Socket to, Connection connection, boolean request) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (request) {
                    if (connection.answerStarted) { // a new request on this connection
                        connection.answerStarted = false;
                        connection.head.setLength(0);
                        connection.decided = false;
                        connection.holdNextAnswer = false;
                    }
                    // Headers and body may come in separate reads: look at the first few kilobytes together.
                    if (!connection.decided) {
                        connection.head.append(new String(buffer, 0, Math.min(n, 8192), StandardCharsets.ISO_8859_1));
                        if (connection.head.indexOf(marker) >= 0) {
                            connection.decided = true;
                            if (dropping.getAndDecrement() > 0) {
                                dropped.incrementAndGet();
                                return; // closes both sides: the registry never gets the whole request
                            }
                            connection.holdNextAnswer = remaining.getAndDecrement() > 0;
                        } else if (connection.head.length() >= 8192) {
                            connection.decided = true;
                        }
                    }
                } else if (!connection.answerStarted) {
                    connection.answerStarted = true;
                    if (connection.holdNextAnswer) {
                        connection.holdNextAnswer = false;
                        heldBack.incrementAndGet();
                        Thread.sleep(delay.toMillis());
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
