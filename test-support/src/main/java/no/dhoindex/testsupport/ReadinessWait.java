package no.dhoindex.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Waits until Payara Micro's {@code /health/ready} is UP <em>and</em> lists a check for every expected
 * application. Payara answers {@code /health/ready} for all the applications it has deployed so far,
 * so UP alone can come before the last one is deployed; every DHO Index application names its
 * readiness check after its context root, and the launcher waits for each of those names.
 */
public final class ReadinessWait {

    private ReadinessWait() {
    }

    /**
     * What is not ready yet according to a {@code /health/ready} answer: each expected check that is
     * missing ("not deployed") or DOWN, with its DOWN data; empty when all are listed and UP.
     */
    @SuppressWarnings("unchecked")
    public static List<String> pending(int status, String body, List<String> expectedChecks) {
        List<String> pending = new ArrayList<>();
        Map<String, Object> json;
        try {
            json = com.nimbusds.jose.util.JSONObjectUtils.parse(body == null ? "" : body);
        } catch (ParseException e) {
            return List.of("/health/ready answered HTTP " + status + " without a health report");
        }
        Object checks = json.get("checks");
        List<Map<String, Object>> listed = checks instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        for (String name : expectedChecks) {
            Map<String, Object> check = listed.stream().filter(c -> name.equals(c.get("name"))).findFirst().orElse(null);
            if (check == null) {
                pending.add(name + " not started yet");
            } else if (!"UP".equals(check.get("status"))) {
                StringBuilder why = new StringBuilder(name + " DOWN");
                if (check.get("data") instanceof Map<?, ?> data) {
                    data.forEach((k, v) -> {
                        if (String.valueOf(v).startsWith("DOWN")) {
                            why.append("; ").append(k).append(": ").append(String.valueOf(v).substring(4).replaceFirst("^:\\s*", ""));
                        }
                    });
                }
                pending.add(why.toString());
            }
        }
        if (pending.isEmpty() && !"UP".equals(json.get("status"))) {
            // Another application's check is DOWN: named too, though not expected.
            listed.stream().filter(c -> !"UP".equals(c.get("status"))).forEach(c -> pending.add(c.get("name") + " DOWN"));
            if (pending.isEmpty()) {
                pending.add("/health/ready is " + json.get("status"));
            }
        }
        return pending;
    }

    /**
     * Polls {@code readyUri} until {@link #pending} is empty; every {@code every} tells {@code progress}
     * what is still not ready and how long it has been. Gives up when {@code alive} says the server
     * died or {@code deadline} passes.
     */
    public static void await(URI readyUri, List<String> expectedChecks, Instant deadline, Duration every,
                             BooleanSupplier alive, Consumer<String> progress, String logHint) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Instant started = Instant.now();
        Instant nextReport = started.plus(every);
        List<String> pending = List.of("not answering yet");
        while (true) {
            if (!alive.getAsBoolean()) {
                throw new IOException("Payara Micro exited before it was ready; see " + logHint);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(readyUri).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                pending = pending(response.statusCode(), response.body(), expectedChecks);
                if (pending.isEmpty()) {
                    progress.accept("ready after " + Duration.between(started, Instant.now()).toSeconds() + " s");
                    return;
                }
            } catch (IOException e) {
                pending = List.of("not answering yet (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for readiness", e);
            }
            Instant now = Instant.now();
            if (now.isAfter(deadline)) {
                throw new IOException("Not ready within " + Duration.between(started, deadline).toSeconds() + " s: "
                        + String.join(", ", pending) + "; see " + logHint);
            }
            if (!now.isBefore(nextReport)) {
                progress.accept("waiting for readiness, " + Duration.between(started, now).toSeconds() + " s: "
                        + String.join(", ", pending));
                nextReport = now.plus(every);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for readiness", e);
            }
        }
    }
}
