package no.dhoindex.registry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.Directories;
import no.dhoindex.testsupport.Eventually;
import no.dhoindex.testsupport.PayaraMicroProcess;
import org.junit.jupiter.api.Test;

/**
 * The WAR carries no issuer of its own: deployed without {@code dho.trust.issuer} the registry does not start,
 * its log names the missing setting, and its endpoint serves nothing (no registration is ever checked against
 * a demo issuer by accident).
 */
class MissingSettingIT {

    @Test
    void withoutAnIssuerTheRegistryIsNotDeployedAndSaysWhy() throws Exception {
        Path work = Directories.fresh(Path.of("target", "it-missing-setting").toAbsolutePath());
        Path data = work.resolve("data");
        // Everything else a deployment needs (a trust store for XUA), so that the one missing setting is the issuer.
        String trustStore = DemoConfiguration.provisionTrust(data).trustStore().toString();
        int port = PayaraMicroProcess.freePort();
        try (PayaraMicroProcess server = PayaraMicroProcess.start(
                Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar")),
                List.of(new PayaraMicroProcess.Deployment(Path.of(System.getProperty("registry.war", "target/registry.war")),
                        "/registry")),
                Map.of("dho.data.dir", data.toString(), "dho.xua.trustStore", trustStore), work,
                List.of(), Duration.ZERO, port)) {
            // Until Payara has finished with the deployment: it is up without it, or it has given up and exited.
            String log = Eventually.await(Duration.ofMinutes(Long.getLong("stack.startMinutes", 6)), Duration.ofMillis(500),
                    () -> read(server.log()), l -> !server.isAlive() || l.contains(" ready in "));
            assertTrue(log.contains("missing required setting dho.trust.issuer"), log);
            assertFalse(log.contains("dho.xua.trustStore ("), "only what is missing is named: " + log);
            if (server.isAlive()) {
                HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.uri("/registry/services/registry?wsdl")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, wsdl.statusCode(), "the registry must not serve: " + wsdl.body());
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
