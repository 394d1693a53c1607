package no.dhoindex.shared.xds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SymbolicIdsTest {

    @Test
    void newIdsAreVersion7UuidsOfTheirMillisecond() {
        long before = System.currentTimeMillis();
        String id = SymbolicIds.newUuid();
        long after = System.currentTimeMillis();

        assertTrue(SymbolicIds.isUuid(id), id);
        UUID uuid = UUID.fromString(id.substring("urn:uuid:".length()));
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant()); // RFC 9562's variant, bits 10
        long millis = uuid.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, millis + " not in [" + before + ", " + after + "]");
        assertEquals(id, "urn:uuid:" + uuid); // lower-case, canonical: the form stored and compared as text
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
        SecureRandom random = new SecureRandom();
        // Across the 48-bit clock's byte boundaries too: the text order is the index order.
        long[] millis = {0x0000_00FF_FFFFL, 0x0000_0100_0000L, 0x018C_2F3A_9FFFL, 0x018C_2F3A_A000L, 0x018C_2F3A_A001L};
        String latestBefore = null;
        for (long ms : millis) {
            String latest = null;
            for (int i = 0; i < 50; i++) {
                String id = SymbolicIds.timeOrderedUuid(ms, random).toString();
                if (latestBefore != null) {
                    assertTrue(latestBefore.compareTo(id) < 0, latestBefore + " should sort before " + id);
                }
                latest = latest == null || latest.compareTo(id) < 0 ? id : latest;
            }
            latestBefore = latest;
        }
    }

    @Test
    void idsOfOneMillisecondDiffer() {
        SecureRandom random = new SecureRandom();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = SymbolicIds.timeOrderedUuid(1_764_000_000_000L, random);
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            ids.add(id);
        }
        assertEquals(100_000, ids.size());
    }
}
