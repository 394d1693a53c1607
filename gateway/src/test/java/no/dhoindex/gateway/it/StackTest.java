package no.dhoindex.gateway.it;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The gateway's integration tests share one stack and leave its directory as they found it. */
abstract class StackTest {

    @BeforeAll
    static void stackIsUp() {
        // Started here, not inside a probe: its start-up must not eat an Eventually's patience.
        GatewayStack.server();
    }

    @AfterEach
    void backToTheDefaultDirectory() throws IOException {
        Files.deleteIfExists(GatewayStack.DIRECTORY);
    }
}
