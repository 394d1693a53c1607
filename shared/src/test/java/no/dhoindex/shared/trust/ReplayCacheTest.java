package no.dhoindex.shared.trust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aProofIdIsAcceptedOnce() {
        UsedProofs proofs = new ReplayCache();
        assertTrue(proofs.firstUse("a", NOW.plusSeconds(15), NOW));
        assertFalse(proofs.firstUse("a", NOW.plusSeconds(15), NOW.plusSeconds(1)));
        assertTrue(proofs.firstUse("b", NOW.plusSeconds(15), NOW));
    }

    @Test
    void expiredIdsAreForgottenWhenTheCacheGrowsButLiveOnesAreNot() {
        ReplayCache proofs = new ReplayCache();
        assertTrue(proofs.firstUse("live", NOW.plusSeconds(3600), NOW));
        for (int i = 0; i < 10_001; i++) {
            proofs.firstUse("old-" + i, NOW.plusSeconds(1), NOW);
        }
        Instant later = NOW.plusSeconds(60);
        assertTrue(proofs.firstUse("next", later.plusSeconds(15), later), "sweeps the expired ones");
        assertTrue(proofs.firstUse("old-1", later.plusSeconds(15), later), "an expired id may be used again:"
                + " its proof is too old to pass the age check anyway");
        assertFalse(proofs.firstUse("live", later.plusSeconds(15), later), "a live id is still refused");
    }
}
