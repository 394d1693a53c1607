package no.dhoindex.testsupport;

import java.io.IOException;
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
        if (options.containsKey("distributed")) {
            DistributedStack.main(args);
            return;
        }
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

        DemoGuide guide = DemoGuide.oneJvm(server.uri("/"));
        guide.recordTokenEndpoint(data);
        guide.loadDemoData(data);
        guide.printWhatToTry(root, "Logs: " + server.log() + " (earlier starts: payara.log.1 … .5)   Stop: Ctrl-C");
        System.out.println("DHO Index is up: ready in " + (System.nanoTime() - starting) / 1_000_000 + " ms (pid "
                + server.pid() + ")");
        System.out.println("Open the web app: " + server.uri("/gateway/app/"));
        Thread.currentThread().join();
    }

    /** {@code --key value} pairs ({@code --distributed} takes no value). */
    static Map<String, String> options(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String key = rest.remove(0);
            if (key.equals("--distributed")) {
                options.put("distributed", "true");
                continue;
            }
            if (!key.startsWith("--") || rest.isEmpty()) {
                throw new IOException("usage: DevStack [--distributed] [--port N] [--root DIR] [--data DIR]");
            }
            options.put(key.substring(2), rest.remove(0));
        }
        return options;
    }

}
