package no.dhoindex.registry.interfaces.feed;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import no.dhoindex.registry.interfaces.OrganisationSystems;
import no.dhoindex.shared.trust.HttpRefusal;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;

/**
 * The patient identity feed and an organisation's read of its own pointers are for organisations' systems only, under their DPoP-bound
 * client-credentials token (the same as for registering; reading and repairing its own pointers also with the
 * admin scope): anyone else gets 401/403 with
 * {@code WWW-Authenticate} and a JSON reason (fail closed).
 */
@WebFilter(urlPatterns = "/admin/*")
public class FeedingSystemsOnly extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(FeedingSystemsOnly.class.getName());

    /** The request attribute under which the verified caller goes on to the resources. */
    public static final String CALLER = VerifiedCaller.class.getName();

    @Inject
    OrganisationSystems systems;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (systems.required()) {
            try {
                boolean own = request.getRequestURI().startsWith(request.getContextPath() + "/admin/own/");
                VerifiedCaller caller = (own ? systems.ownPointers() : systems.verifier())
                        .verify(ResourceRequest.of(request));
                LOG.info(() -> "event=feed-access client=" + caller.clientId() + " organisation=" + caller.organisation()
                        + " method=" + request.getMethod() + " path=" + request.getRequestURI());
                request.setAttribute(CALLER, caller);
            } catch (TokenRefusal refusal) {
                LOG.warning(() -> "event=feed-refused check=" + refusal.check() + " reason=\"" + refusal.getMessage() + "\"");
                HttpRefusal.write(response, refusal);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
