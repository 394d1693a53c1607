package no.dhoindex.gateway.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import no.dhoindex.gateway.TestConfig;
import no.dhoindex.shared.trust.TokenRefusal;
import org.junit.jupiter.api.Test;

/** ATT-5, the purposes of use a deployment allows: read from the configuration once, applied on every call. */
class GatewayTrustTest {

    private static GatewayTrust trust(TestConfig settings) {
        GatewayTrust trust = new GatewayTrust();
        trust.config = settings.config();
        return trust;
    }

    @Test
    void thePurposesAreReadOnceAndEveryCallIsChecked() {
        TestConfig settings = new TestConfig(Map.of("dho.gateway.purposesOfUse", "TREAT,COC"));
        GatewayTrust trust = trust(settings);
        for (int call = 0; call < 3; call++) {
            assertDoesNotThrow(() -> trust.purposeAllowed("TREAT"));
            TokenRefusal refusal = assertThrows(TokenRefusal.class, () -> trust.purposeAllowed("ETREAT"));
            assertEquals("purpose-of-use", refusal.check());
            assertThrows(TokenRefusal.class, () -> trust.purposeAllowed("BTG"), "break-the-glass only where configured");
        }
        assertEquals(2, settings.lookups(), "the two settings, once");
    }

    @Test
    void breakTheGlassWhereConfigured() {
        GatewayTrust trust = trust(new TestConfig(Map.of("dho.gateway.emergencyAccess", Boolean.TRUE)));
        assertDoesNotThrow(() -> trust.purposeAllowed("BTG"));
        assertDoesNotThrow(() -> trust.purposeAllowed("ETREAT"), "the default purposes");
        assertThrows(TokenRefusal.class, () -> trust.purposeAllowed("RESEARCH"));
    }
}
