package no.dhoindex.shared.trust;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/** What the verifier needs of an incoming HTTP call: method, URL, and the two credential headers. */
public record ResourceRequest(String method, URI uri, String authorization, String dpop) {

    /** The call as the servlet container received it (the URL without its query: DPoP's {@code htu}). */
    public static ResourceRequest of(HttpServletRequest request) {
        return new ResourceRequest(request.getMethod(), URI.create(request.getRequestURL().toString()),
                request.getHeader("Authorization"), request.getHeader("DPoP"));
    }
}
