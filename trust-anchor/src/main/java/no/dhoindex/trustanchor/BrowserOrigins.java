package no.dhoindex.trustanchor;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Lets a registered browser app read discovery and call the token endpoint from its own origin (the origin of
 * one of its redirect URIs) where the app is served from another host or port than the anchor (the distributed
 * demo); any other origin gets no CORS headers, so its browser keeps the answer from it.
 */
@Provider
public class BrowserOrigins implements ContainerResponseFilter {

    @Inject
    BrowserClients clients;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !clients.registeredOrigins().contains(origin)) {
            return;
        }
        response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
        response.getHeaders().putSingle("Vary", "Origin");
        response.getHeaders().putSingle("Access-Control-Allow-Methods", "GET, POST");
        response.getHeaders().putSingle("Access-Control-Allow-Headers", "Content-Type, DPoP");
        response.getHeaders().putSingle("Access-Control-Max-Age", "600");
    }

    /** scheme://host[:port] of a URI, as a browser sends it in Origin. */
    static String originOf(String uri) {
        URI u = URI.create(uri);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
}
