package no.dhoindex.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import no.dhoindex.testsupport.DemoConfiguration;
import no.dhoindex.testsupport.DemoOrganisations;
import no.dhoindex.testsupport.PayaraMicroProcess;

/**
 * Where a benchmark that starts its own one-JVM stack works: a fresh directory under {@code target/}, its data
 * directory, a free port, and the machine's load before anything started (each result file reports it).
 */
record BenchWorkspace(Path root, Path work, Path data, int port, String base, String loadBefore) {

    static BenchWorkspace fresh(Map<String, String> options, String name) throws java.io.IOException {
        Path root = Path.of(options.getOrDefault("root", "..")).toAbsolutePath().normalize();
        Path work = root.resolve("target/" + name);
        RegistryBenchmark.deleteTree(work);
        Path data = Files.createDirectories(work.resolve("data"));
        String loadBefore = Machine.loadAverages();
        // --port: an engineer's own range on the shared machine; otherwise any free one.
        int port = options.containsKey("port") ? Integer.parseInt(options.get("port")) : PayaraMicroProcess.freePort();
        return new BenchWorkspace(root, work, data, port, "http://127.0.0.1:" + port, loadBefore);
    }

    /** The demo's settings (demo/organisations, demo trust) for these organisations, as {@code ./dho start} makes them. */
    Map<String, String> demoSettings(String... organisations) {
        System.setProperty("dho.demo.dir", System.getProperty("dho.demo.dir", root.resolve("demo").toString()));
        return new LinkedHashMap<>(DemoConfiguration.oneJvm(base, data, DemoOrganisations.demo().only(organisations)));
    }
}
