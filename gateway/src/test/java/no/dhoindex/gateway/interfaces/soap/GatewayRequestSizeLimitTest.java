package no.dhoindex.gateway.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The limit is read from the configuration once, when the filter starts, not on every request. */
class GatewayRequestSizeLimitTest {

    @Test
    void theLimitIsReadOnceAtTheStart() {
        AtomicInteger lookups = new AtomicInteger();
        GatewayRequestSizeLimit limit = new GatewayRequestSizeLimit();
        limit.config = (Config) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Config.class},
                (proxy, method, args) -> {
                    if (!"getOptionalValue".equals(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    lookups.incrementAndGet();
                    return "dho.gateway.request.maxBytes".equals(args[0]) ? Optional.of(4096L) : Optional.empty();
                });
        limit.init();
        for (int request = 0; request < 3; request++) {
            assertEquals(4096L, limit.maxBytes());
        }
        assertEquals(1, lookups.get());
    }
}
