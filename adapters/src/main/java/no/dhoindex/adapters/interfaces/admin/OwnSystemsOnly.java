package no.dhoindex.adapters.interfaces.admin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import no.dhoindex.adapters.trust.OrganisationTrust;
import no.dhoindex.shared.trust.AccessTokenVerifier;
import no.dhoindex.shared.trust.HttpRefusal;
import no.dhoindex.shared.trust.ResourceRequest;
import no.dhoindex.shared.trust.TokenRefusal;
import no.dhoindex.shared.trust.VerifiedCaller;

/**
 * The administrative API (patients' blocks) answers only this organisation's own systems, under
 * their DPoP-bound client-credentials token with the admin scope; anyone else gets 401/403 with
 * {@code WWW-Authenticate} and a JSON reason (fail closed).
 */
@WebFilter(urlPatterns = "/admin/*")
public class OwnSystemsOnly extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(OwnSystemsOnly.class.getName());

    @Inject
    OrganisationTrust trust;

    private volatile AccessTokenVerifier verifier;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (verifier == null) {
            verifier = trust.ownSystems(OrganisationTrust.ADMIN_SCOPE);
        }
        try {
            VerifiedCaller caller = verifier.verify(ResourceRequest.of(request));
            LOG.info(() -> "event=admin-access client=" + caller.clientId() + " method=" + request.getMethod()
                    + " path=" + request.getRequestURI());
            // What was verified goes to the resource with the request: it acts for this caller, explicitly.
            request.setAttribute(VerifiedCaller.class.getName(), caller);
        } catch (TokenRefusal refusal) {
            LOG.warning(() -> "event=admin-refused check=" + refusal.check() + " path=" + request.getRequestURI()
                    + " reason=\"" + refusal.getMessage() + "\"");
            HttpRefusal.write(response, refusal);
            return;
        }
        chain.doFilter(request, response);
    }
}
