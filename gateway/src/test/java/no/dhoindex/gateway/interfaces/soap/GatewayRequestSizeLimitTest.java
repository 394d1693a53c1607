package no.dhoindex.gateway.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import no.dhoindex.gateway.TestConfig;
import org.junit.jupiter.api.Test;

/** The limit is read from the configuration once, when the filter starts, not on every request. */
class GatewayRequestSizeLimitTest {

    @Test
    void theLimitIsReadOnceAtTheStart() {
        TestConfig settings = new TestConfig(Map.of("dho.gateway.request.maxBytes", 4096L));
        GatewayRequestSizeLimit limit = new GatewayRequestSizeLimit();
        limit.config = settings.config();
        limit.init();
        for (int request = 0; request < 3; request++) {
            assertEquals(4096L, limit.maxBytes());
        }
        assertEquals(1, settings.lookups());
    }
}
