package no.dhoindex.gateway.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import no.dhoindex.shared.trust.TokenRefusal;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** ATT-5, the purposes of use a deployment allows: read from the configuration once, applied on every call. */
class GatewayTrustTest {

    private final AtomicInteger lookups = new AtomicInteger();

    private GatewayTrust trust(Map<String, Object> settings) {
        GatewayTrust trust = new GatewayTrust();
        trust.config = (Config) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Config.class},
                (proxy, method, args) -> {
                    if (!"getOptionalValue".equals(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    lookups.incrementAndGet();
                    return Optional.ofNullable(settings.get((String) args[0]));
                });
        return trust;
    }

    @Test
    void thePurposesAreReadOnceAndEveryCallIsChecked() {
        GatewayTrust trust = trust(Map.of("dho.gateway.purposesOfUse", "TREAT,COC"));
        for (int call = 0; call < 3; call++) {
            assertDoesNotThrow(() -> trust.purposeAllowed("TREAT"));
            TokenRefusal refusal = assertThrows(TokenRefusal.class, () -> trust.purposeAllowed("ETREAT"));
            assertEquals("purpose-of-use", refusal.check());
            assertThrows(TokenRefusal.class, () -> trust.purposeAllowed("BTG"), "break-the-glass only where configured");
        }
        assertEquals(2, lookups.get(), "the two settings, once");
    }

    @Test
    void breakTheGlassWhereConfigured() {
        GatewayTrust trust = trust(Map.of("dho.gateway.emergencyAccess", Boolean.TRUE));
        assertDoesNotThrow(() -> trust.purposeAllowed("BTG"));
        assertDoesNotThrow(() -> trust.purposeAllowed("ETREAT"), "the default purposes");
        assertThrows(TokenRefusal.class, () -> trust.purposeAllowed("RESEARCH"));
    }
}
