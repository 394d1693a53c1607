package no.dhoindex.shared.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The issuer's keys are fetched once for many concurrent first callers, and every one of them gets them. */
class RemoteJwksTest {

    private HttpServer issuer;
    private final AtomicInteger fetches = new AtomicInteger();
    private final CountDownLatch answer = new CountDownLatch(1);
    private JWK key;

    @BeforeEach
    void start() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate().toPublicJWK();
        byte[] body = new JWKSet(key).toString().getBytes(StandardCharsets.UTF_8);
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            try {
                // Held until every caller is waiting: the fetch is still under way when they all ask.
                answer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuer.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        issuer.start();
    }

    @AfterEach
    void stop() {
        answer.countDown();
        issuer.stop(0);
    }

    private RemoteJwks jwks() {
        return new RemoteJwks(URI.create("http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks"),
                Clock.systemUTC(), Duration.ofSeconds(30));
    }

    @Test
    void manyConcurrentFirstCallersShareOneFetchAndAllGetTheKey() throws Exception {
        RemoteJwks jwks = jwks();
        int callers = 32;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger asking = new AtomicInteger();
        ConcurrentLinkedQueue<Object> found = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    asking.incrementAndGet();
                    JWK k = jwks.key("k1");
                    found.add(k == null ? "missing" : k);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        // Poll (no fixed sleep) until every caller has asked and none is still running toward the issuer.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(asking.get() == callers && fetches.get() >= 1 && threads.stream().allMatch(t ->
                t.getState() != Thread.State.RUNNABLE && t.getState() != Thread.State.NEW))) {
            assertTrue(System.nanoTime() < deadline, "the callers did not all reach the key look-up");
            Thread.onSpinWait();
        }
        answer.countDown();
        for (Thread thread : threads) {
            thread.join(20_000);
        }
        assertEquals(callers, found.size());
        assertTrue(found.stream().allMatch(k -> k.equals(key)), () -> "some callers got no key: " + found);
        assertEquals(1, fetches.get());
    }

    @Test
    void anUnknownKidRefreshesAtMostOncePerInterval() {
        answer.countDown();
        RemoteJwks jwks = jwks();
        assertNotNull(jwks.key("k1"));
        assertNull(jwks.key("forged-1"));
        assertNull(jwks.key("forged-2"));
        assertEquals(1, fetches.get());
    }
}
