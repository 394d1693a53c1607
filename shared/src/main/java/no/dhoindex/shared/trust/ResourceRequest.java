package no.dhoindex.shared.trust;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Enumeration;

/**
 * What the verifier needs of an incoming HTTP call: method, URL, the two credential headers, and how
 * many of each the call carried (a second one is refused, never silently ignored: a proxy or client
 * that adds one must not decide which credential counts).
 */
public record ResourceRequest(String method, URI uri, String authorization, String dpop,
                              int authorizationHeaders, int dpopHeaders) {

    /** A call carrying at most one of each header, as given. */
    public ResourceRequest(String method, URI uri, String authorization, String dpop) {
        this(method, uri, authorization, dpop, authorization == null ? 0 : 1, dpop == null ? 0 : 1);
    }

    /** The call as the servlet container received it (the URL without its query: DPoP's {@code htu}). */
    public static ResourceRequest of(HttpServletRequest request) {
        return new ResourceRequest(request.getMethod(), URI.create(request.getRequestURL().toString()),
                request.getHeader("Authorization"), request.getHeader("DPoP"),
                count(request.getHeaders("Authorization")), count(request.getHeaders("DPoP")));
    }

    /** How many fields of one header a call carried. */
    public static int count(Enumeration<String> fields) {
        int n = 0;
        while (fields != null && fields.hasMoreElements()) {
            fields.nextElement();
            n++;
        }
        return n;
    }
}
