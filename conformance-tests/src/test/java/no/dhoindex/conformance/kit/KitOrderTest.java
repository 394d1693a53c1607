package no.dhoindex.conformance.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit order names every test of the kit once; a test it leaves out fails with its name. */
class KitOrderTest {

    @TempDir
    Path dir;

    private TestKit kit(String... tests) throws IOException {
        for (String test : tests) {
            Files.createDirectories(dir.resolve("tests").resolve(test));
        }
        return new TestKit(dir);
    }

    @Test
    void theProjectsOrderNamesEveryTestOfTheKit() {
        KitOrder order = KitOrder.read(Path.of("kit-order.txt"));
        order.requireCovers(new TestKit(Path.of("nist-testkit")));
        assertEquals(List.of("registry", "stored-queries", "remove", "repository-and-gateway", "metadata-update"),
                order.groups().stream().map(KitOrder.Group::name).toList());
    }

    @Test
    void aKitTestInNoGroupFailsWithItsName() throws IOException {
        KitOrder order = KitOrder.parse(List.of("[registry] Registry", "11990"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> order.requireCovers(kit("11990",
                "30000")));
        assertTrue(e.getMessage().contains("[30000]"), e.getMessage());
    }

    @Test
    void aListedTestTheKitLacksFailsWithItsName() throws IOException {
        KitOrder order = KitOrder.parse(List.of("[registry] Registry", "11990", "99999"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> order.requireCovers(kit("11990")));
        assertTrue(e.getMessage().contains("[99999]"), e.getMessage());
    }

    @Test
    void aTestListedTwiceFails() throws IOException {
        KitOrder order = KitOrder.parse(List.of("[a] A", "11990", "[b] B", "11990"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> order.requireCovers(kit("11990")));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void readsGroupsCommentsAndTestsNotRunWithTheirReason() {
        KitOrder order = KitOrder.parse(List.of("# comment", "[remove] ITI-62", "30000", "", "[other] Other",
                "12028 | needs TLS"));
        assertEquals(List.of(new KitOrder.Entry("30000", null)), order.group("remove").tests());
        assertEquals("ITI-62", order.group("remove").heading());
        assertEquals(List.of(new KitOrder.Entry("12028", "needs TLS")), order.group("other").tests());
    }

    @Test
    void aTestBeforeAnyGroupIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KitOrder.parse(List.of("11990")));
    }
}
