package no.dhoindex.adapters.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import no.dhoindex.testsupport.PayaraMicroProcess;

/**
 * A DHO platform as the adapter meets it in the field, for tests: a FHIR proxy on 127.0.0.1 in
 * front of the demo platform that can go away ({@link #down()}: the port is closed, connections
 * are refused) and come back ({@link #up()}), and that can slip resources the platform got wrong
 * into its search results and type-level history ({@link #inject}).
 */
final class PlatformProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI upstream;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "platform-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<ObjectNode> injected = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private PlatformProxy(URI upstream, int port) {
        this.upstream = upstream;
        this.port = port;
    }

    /** A proxy on a free loopback port for the FHIR base {@code upstream}, up. */
    static PlatformProxy start(URI upstream) throws IOException {
        PlatformProxy proxy = new PlatformProxy(upstream, PayaraMicroProcess.freePort());
        proxy.up();
        return proxy;
    }

    /** The FHIR base URL the adapter is given. */
    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/fhir");
    }

    synchronized void up() throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server.createContext("/fhir", this::forward);
            server.setExecutor(threads);
            server.start();
        }
    }

    /** Closes the listening port: the platform is unreachable (connection refused), not merely failing. */
    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Adds the resource (FHIR JSON) to every search result of its type until {@link #clearInjected()}. */
    void inject(String resourceJson) throws IOException {
        injected.add((ObjectNode) JSON.readTree(resourceJson));
    }

    void clearInjected() {
        injected.clear();
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring("/fhir".length());
            String query = exchange.getRequestURI().getRawQuery();
            URI target = URI.create(upstream + path + (query == null ? "" : "?" + query));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Accept", "Content-Type")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 502, "text/plain", "interrupted");
                return;
            } catch (IOException e) {
                reply(exchange, 502, "text/plain", "upstream: " + e.getMessage());
                return;
            }
            String type = response.headers().firstValue("Content-Type").orElse("application/fhir+json");
            // Links and fullUrls name the upstream base: the adapter must keep talking to the proxy.
            String text = response.body().replace(upstream.toString(), base().toString());
            // Searches and type-level history alike: a platform that got a resource wrong sends it in both.
            boolean search = "GET".equals(exchange.getRequestMethod()) && path.matches("/[A-Za-z]+(/_history)?");
            if (search && response.statusCode() == 200) {
                text = withInjected(text, path.substring(1).replace("/_history", ""), path.endsWith("/_history"));
            }
            reply(exchange, response.statusCode(), type, text);
        }
    }

    private String withInjected(String searchset, String resourceType, boolean history) throws IOException {
        ObjectNode bundle = (ObjectNode) JSON.readTree(searchset);
        ArrayNode entries = bundle.has("entry") ? (ArrayNode) bundle.get("entry") : bundle.putArray("entry");
        for (ObjectNode resource : injected) {
            if (resourceType.equals(resource.path("resourceType").asText())) {
                ObjectNode entry = entries.addObject();
                entry.put("fullUrl", base() + "/" + resourceType + "/" + resource.path("id").asText());
                entry.set("resource", resource);
                if (history) {
                    entry.putObject("request").put("method", "PUT").put("url", resourceType + "/"
                            + resource.path("id").asText());
                } else {
                    entry.putObject("search").put("mode", "match");
                }
            }
        }
        return JSON.writeValueAsString(bundle);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
