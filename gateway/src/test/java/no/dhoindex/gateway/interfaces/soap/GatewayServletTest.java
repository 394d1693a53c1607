package no.dhoindex.gateway.interfaces.soap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.ws.policy.PolicyEngine;
import org.junit.jupiter.api.Test;

/** The gateway endpoint's bus runs no WS-Policy interceptors: nothing is published or asserted by policy. */
class GatewayServletTest {

    @Test
    void theEndpointsBusHasItsPolicyEngineOff() {
        Bus bus = BusFactory.newInstance().createBus();
        try {
            assertTrue(bus.getExtension(PolicyEngine.class).isEnabled(), "CXF's default: on");
            GatewayServlet.withoutPolicies(bus);
            assertFalse(bus.getExtension(PolicyEngine.class).isEnabled());
        } finally {
            bus.shutdown(false);
        }
    }
}
