package no.dhoindex.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./dho start}: the whole stack on one port with embedded defaults (H2 files under the
 * data directory), demo pointers registered through the real ITI-42 interface, and a short
 * "what to try" on the console. Stops Payara when this process is stopped (Ctrl-C).
 */
public final class DevStack {

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int port = Integer.parseInt(options.getOrDefault("port", "8080"));
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(options.getOrDefault("data", root.resolve("data").toString())).toAbsolutePath();
        Path microJar = root.resolve("target/dho/payara-micro.jar");
        Path wars = java.nio.file.Files.createDirectories(data.resolve("payara"));
        System.setProperty("dho.demo.dir", System.getProperty("dho.demo.dir", root.resolve("demo").toString()));
        DemoOrganisations organisations = DemoOrganisations.demo();

        String base = "http://127.0.0.1:" + port;
        // The operator's part, done for the demo: keys and trust stores made once under the data directory,
        // every piece's settings from demo/ (the WARs carry none).
        Map<String, String> properties = new LinkedHashMap<>(DemoConfiguration.oneJvm(base, data, organisations));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("dho."))
                .forEach(k -> properties.put(k, System.getProperty(k)));

        List<PayaraMicroProcess.Deployment> deployments = new ArrayList<>(List.of(
                new PayaraMicroProcess.Deployment(root.resolve("registry/target/registry.war"), "/registry"),
                new PayaraMicroProcess.Deployment(root.resolve("demo-platform/target/demo-platform.war"), "/demo-platform"),
                new PayaraMicroProcess.Deployment(root.resolve("trust-anchor/target/trust-anchor.war"), "/trust")));
        for (String org : organisations.names()) {
            // One adapters WAR per organisation: Payara names applications after their files.
            Path war = java.nio.file.Files.copy(root.resolve("adapters/target/adapters.war"),
                    wars.resolve("adapters-" + org + ".war"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            deployments.add(new PayaraMicroProcess.Deployment(war, "/adapters/" + org));
        }
        deployments.add(new PayaraMicroProcess.Deployment(root.resolve("gateway/target/gateway.war"), "/gateway"));

        long starting = System.nanoTime();
        System.out.println("Starting DHO Index on http://127.0.0.1:" + port + " (data in " + data + ") with the organisations "
                + String.join(", ", organisations.names()) + " (demo/organisations) ...");
        PayaraMicroProcess server = PayaraMicroProcess.start(microJar, deployments, properties, data.resolve("payara"),
                // Waits on /health/ready (every application's readiness, the gateway's warm-up included), saying
                // what it still waits for; the bound only says when to give up (a busy two-core machine needs
                // more than a quiet one): DHO_START_MINUTES, 10 by default.
                List.of(),
                Duration.ofMinutes(Long.parseLong(System.getenv().getOrDefault("DHO_START_MINUTES", "10"))), port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-payara"));

        // The demo loader checks the registry as a trusted tool would: with its own key in the XUA trust store.
        XuaCaller asker = new XuaCaller(data.resolve("dev-tools-xua"), data.resolve("xua-trusted"));
        DemoData.register(server.uri("/registry/services/registry"), asker, org -> server.uri("/adapters/" + org
                + "/services/repository"), org -> new SystemCaller(server.uri("/trust"), org + "-ehr", SystemCaller.PROVIDE));
        printWhatToTry(server, root);
        System.out.println("DHO Index is up: ready in " + (System.nanoTime() - starting) / 1_000_000 + " ms (pid "
                + server.pid() + ")");
        Thread.currentThread().join();
    }

    private static void printWhatToTry(PayaraMicroProcess server, Path root) {
        URI registry = server.uri("/registry/services/registry");
        URI gateway = server.uri("/gateway/services/xca");
        System.out.println();
        System.out.println("DHO Index is up. Endpoints:");
        System.out.println("  Federated gateway (ITI-18 / ITI-43 in, XCA out) " + gateway);
        System.out.println("  ITI-42 / ITI-18 registry   " + registry + "   (WSDL: " + registry + "?wsdl)");
        System.out.println("  Patient identity feed      " + server.uri("/registry/admin/patients") + "/{authorityOid}/{id}");
        for (String org : DemoOrganisations.demo().names()) {
            System.out.println("  " + org + " ITI-41/43 repository  " + server.uri("/adapters/" + org + "/services/repository")
                    + "   ITI-38/39 XCA " + server.uri("/adapters/" + org + "/services/xca"));
        }
        System.out.println("  Demo DHO platform (FHIR R4) " + server.uri("/demo-platform/fhir"));
        System.out.println("  Health / metrics / OpenAPI " + server.uri("/health/ready") + "  " + server.uri("/metrics")
                + "  " + server.uri("/openapi"));
        System.out.println();
        System.out.println("Demo patient " + DemoData.PATIENT + " (synthetic) has " + DemoData.DOCUMENTS
                + " discharge documents at sykehus, " + DemoData.GP_DOCUMENTS + " GP notes at fastlege and live"
                + " measurement pointers from kommune's platform.");
        System.out.println("The gateway answers only clinicians with a DPoP-bound HelseID token whose attestation names");
        System.out.println("the patient; ./dho call gets one from the local trust anchor (" + server.uri("/trust") + ").");
        System.out.println("Ask everyone at once through the gateway (ITI-18 FindDocuments; the answer merges the");
        System.out.println("registry's pointers with the organisations' own, each entry with its homeCommunityId):");
        System.out.println("  ./dho call --practitioner anne --patient " + DemoData.PATIENT + " --purpose TREAT \\");
        System.out.println("       --data @" + root.relativize(root.resolve("demo/find-documents.xml")) + " POST " + gateway);
        System.out.println("The demo patient's heart rate from every organisation (FHIR, one searchset):");
        System.out.println("  ./dho call --patient " + DemoData.PATIENT + " GET '" + server.uri("/gateway/fhir/Observation")
                + "?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1%7C" + DemoData.PATIENT
                + "&code=http://loinc.org%7C8867-4'");
        System.out.println("Without a token the gateway refuses (HTTP 401):  curl -si " + gateway.resolve("/gateway/fhir/"
                + "Observation?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1%7C" + DemoData.PATIENT) + " | head -1");
        System.out.println("(the registry answers queries only with a trusted gateway's XUA assertion: " + registry + ")");
        System.out.println("An organisation's own system (its client-credentials token) provides a document to its repository;");
        System.out.println("another organisation's system is refused (403):");
        System.out.println("  ./dho call --system sykehus --data @" + root.relativize(root.resolve("demo/provide-document.xml"))
                + " POST " + server.uri("/adapters/sykehus/services/repository"));
        System.out.println("The patient sees who has looked at their data, at the gateway and at each organisation:");
        System.out.println("  ./dho call --citizen " + DemoData.PATIENT + " GET '" + server.uri("/gateway/fhir/AuditEvent")
                + "?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1%7C" + DemoData.PATIENT + "'");
        System.out.println();
        System.out.println("Logs: " + server.log() + " (earlier starts: payara.log.1 … .5)   Stop: Ctrl-C");
    }

    private static Map<String, String> options(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String key = rest.remove(0);
            if (!key.startsWith("--") || rest.isEmpty()) {
                throw new IOException("usage: DevStack [--port N] [--root DIR] [--data DIR]");
            }
            options.put(key.substring(2), rest.remove(0));
        }
        return options;
    }

}
