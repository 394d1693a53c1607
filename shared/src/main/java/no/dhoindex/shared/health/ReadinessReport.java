package no.dhoindex.shared.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * One deployable's readiness ({@code /health/ready}): what it depends on, each part ready or the
 * reason it is not. The check is named after the application's context root (e.g. {@code /registry},
 * {@code /adapters/kommune}): Payara Micro answers {@code /health/ready} for every application it
 * runs, so a launcher knows an application is not only ready but deployed when its check is listed
 * (an application not yet deployed has no check, and cannot make the aggregate say UP for it).
 */
public final class ReadinessReport {

    // HTTP/1.1: the JDK client's default upgrade attempt to HTTP/2 is refused by Payara under load (GOAWAY).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String name;
    private final Map<String, String> data = new LinkedHashMap<>();
    private boolean up = true;

    private ReadinessReport(String name) {
        this.name = name;
    }

    /** @param contextPath the application's context root, which names its check */
    public static ReadinessReport of(String contextPath) {
        return new ReadinessReport(contextPath == null || contextPath.isEmpty() ? "/" : contextPath);
    }

    /**
     * An application whose checks Payara already asks while it is still starting (Payara Micro serves
     * {@code /health/ready} before every application's context has started): DOWN, under a name that is
     * not yet its context root, so a launcher waiting for that name goes on waiting.
     */
    public static ReadinessReport starting(String application) {
        return new ReadinessReport(application + " (starting)").notReady("application", "not started yet");
    }

    /** A part that is ready, with what is worth knowing about it. */
    public ReadinessReport ready(String part, String detail) {
        data.put(part, detail);
        return this;
    }

    /** A part that is not ready, and why: the whole report is then DOWN. */
    public ReadinessReport notReady(String part, String reason) {
        up = false;
        data.put(part, "DOWN: " + reason);
        return this;
    }

    /** Asks {@code problem} (empty: ready) and records the answer; an exception is a reason too. */
    public ReadinessReport check(String part, String readyDetail, Supplier<Optional<String>> problem) {
        Optional<String> reason;
        try {
            reason = problem.get();
        } catch (RuntimeException e) {
            reason = Optional.of(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return reason.isPresent() ? notReady(part, reason.get()) : ready(part, readyDetail);
    }

    public boolean isUp() {
        return up;
    }

    public String name() {
        return name;
    }

    public Map<String, String> data() {
        return Map.copyOf(data);
    }

    public HealthCheckResponse response() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(up);
        data.forEach(builder::withData);
        return builder.build();
    }

    /**
     * Whether {@code url} (a service description, e.g. {@code ?wsdl} or FHIR {@code metadata}) answers
     * within {@code timeout}: 2xx/3xx, or 401/403 (there, and asking for credentials); 404 is an
     * application not (yet) deployed, 5xx one that is failing. Empty when it answers, else why not.
     */
    public static Optional<String> unreachable(URI url, Duration timeout) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status < 400 || status == 401 || status == 403 ? Optional.empty()
                    : Optional.of(url + " answered HTTP " + response.statusCode());
        } catch (java.io.IOException e) {
            return Optional.of(url + " unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** Whether {@code database} hands out a valid connection within two seconds; empty when it does, else why not. */
    public static Optional<String> unanswered(javax.sql.DataSource database) {
        try (java.sql.Connection c = database.getConnection()) {
            return c.isValid(2) ? Optional.empty() : Optional.of("connection not valid");
        } catch (java.sql.SQLException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
