package no.dhoindex.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessWaitTest {

    private static final List<String> EXPECTED = List.of("/registry", "/gateway");

    @Test
    void upButAnApplicationNotDeployedYetIsNotReady() {
        // What Payara answers while the gateway is still being deployed: UP, for the applications it has.
        String body = "{\"status\":\"UP\",\"checks\":[{\"name\":\"/registry\",\"status\":\"UP\",\"data\":{\"database\":\"answers\"}}]}";
        assertEquals(List.of("/gateway not started yet"), ReadinessWait.pending(200, body, EXPECTED));
    }

    @Test
    void aDownCheckIsNamedWithWhatIsDown() {
        String body = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"/registry\",\"status\":\"UP\"},"
                + "{\"name\":\"/gateway\",\"status\":\"DOWN\",\"data\":{\"xua-signature\":\"signed\","
                + "\"warm-up\":\"DOWN: warming up: 1 of 3 rounds, 4 s\"}}]}";
        assertEquals(List.of("/gateway DOWN; warm-up: warming up: 1 of 3 rounds, 4 s"),
                ReadinessWait.pending(503, body, EXPECTED));
    }

    @Test
    void everyExpectedCheckUpIsReadyAnOtherApplicationDownIsNot() {
        String up = "{\"status\":\"UP\",\"checks\":[{\"name\":\"/registry\",\"status\":\"UP\"},{\"name\":\"/gateway\",\"status\":\"UP\"}]}";
        assertTrue(ReadinessWait.pending(200, up, EXPECTED).isEmpty());
        String otherDown = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"/registry\",\"status\":\"UP\"},"
                + "{\"name\":\"/gateway\",\"status\":\"UP\"},{\"name\":\"/trust\",\"status\":\"DOWN\"}]}";
        assertEquals(List.of("/trust DOWN"), ReadinessWait.pending(503, otherDown, EXPECTED));
        assertEquals(1, ReadinessWait.pending(404, "<html>Not Found</html>", EXPECTED).size());
    }

    @Test
    void logsOfEarlierRunsAreKeptFiveDeep(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("payara.log");
        for (int run = 1; run <= 7; run++) {
            PayaraMicroProcess.rotate(log);
            Files.writeString(log, "run " + run);
        }
        assertEquals("run 7", Files.readString(log));
        assertEquals("run 6", Files.readString(dir.resolve("payara.log.1")));
        assertEquals("run 2", Files.readString(dir.resolve("payara.log.5")));
        assertTrue(Files.notExists(dir.resolve("payara.log.6")));
    }
}
