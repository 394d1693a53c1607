package no.dhoindex.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's policy lets it load from this server only; organisation names are read strictly. */
class WebAppSettingsTest {

    @Test
    void thePolicyAllowsThisServerAndTheIssuersOriginOnly() {
        String csp = WebAppSettings.contentSecurityPolicy("http://127.0.0.1:9100/trust");
        assertTrue(csp.startsWith("default-src 'none'; script-src 'self'; style-src 'self';"), csp);
        assertTrue(csp.contains("connect-src 'self' http://127.0.0.1:9100;"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(!csp.contains("unsafe"), csp);
        assertTrue(WebAppSettings.contentSecurityPolicy("").contains("connect-src 'self';"));
    }

    @Test
    void organisationNamesArePairs() {
        assertEquals(Map.of("921234567", "Demo kommune", "974589095", "Demo sykehus"),
                WebAppSettings.pairs("921234567=Demo kommune; 974589095=Demo sykehus;"));
        assertThrows(IllegalStateException.class, () -> WebAppSettings.pairs("921234567"));
        assertThrows(IllegalStateException.class, () -> WebAppSettings.pairs("=Demo"));
    }
}
