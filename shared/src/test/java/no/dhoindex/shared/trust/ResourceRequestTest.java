package no.dhoindex.shared.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request as the container gives it: every field of each credential header is counted. */
class ResourceRequestTest {

    private static HttpServletRequest call(Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ResourceRequestTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "GET";
                    case "getRequestURL" -> new StringBuffer("http://127.0.0.1:8080/gateway/fhir/Observation");
                    case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void countsRepeatedCredentialHeaders() {
        ResourceRequest r = ResourceRequest.of(call(Map.of("Authorization", List.of("DPoP a", "DPoP b"),
                "DPoP", List.of("p1", "p2", "p3"))));
        assertEquals("DPoP a", r.authorization());
        assertEquals(2, r.authorizationHeaders());
        assertEquals(3, r.dpopHeaders());
    }

    @Test
    void countsNoneWhenAbsent() {
        ResourceRequest r = ResourceRequest.of(call(Map.of()));
        assertEquals(0, r.authorizationHeaders());
        assertEquals(0, r.dpopHeaders());
    }
}
