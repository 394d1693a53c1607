package no.dhoindex.gateway.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import no.dhoindex.testsupport.PayaraMicroProcess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Chooses this run's data-grid cluster before Arquillian reads arquillian.xml (registered ahead of
 * it): a cluster name of its own and two free loopback ports, node A's (Arquillian's container) and
 * node B's (started by the test). arquillian.xml takes node A's options from {@code dho.grid.microOptions}.
 */
public final class GridCluster implements BeforeAllCallback {

    static final String NAME = "dho-grid-it-" + UUID.randomUUID().toString().substring(0, 8);
    static PayaraMicroProcess.Cluster nodeA;
    static PayaraMicroProcess.Cluster nodeB;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        synchronized (GridCluster.class) {
            if (nodeA != null) {
                return;
            }
            int a = PayaraMicroProcess.freePort();
            int b = PayaraMicroProcess.freePort();
            nodeA = new PayaraMicroProcess.Cluster(NAME, a, List.of(a, b));
            nodeB = new PayaraMicroProcess.Cluster(NAME, b, List.of(a, b));
            Path dir = Files.createDirectories(Path.of("target", "grid-it"));
            // Loopback only, as every test server here.
            Path preBoot = dir.resolve("node-a-preboot.asadmin");
            Files.writeString(preBoot, "set configs.config.server-config.network-config.network-listeners"
                    + ".network-listener.http-listener.address=127.0.0.1\n");
            System.setProperty("dho.grid.microOptions", String.join(" ", nodeA.options())
                    + " --disablephonehome --prebootcommandfile " + preBoot.toAbsolutePath());
        }
    }
}
