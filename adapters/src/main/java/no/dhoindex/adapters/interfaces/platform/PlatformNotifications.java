package no.dhoindex.adapters.interfaces.platform;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import no.dhoindex.adapters.fhir.PlatformSubscription;
import no.dhoindex.adapters.fhir.PlatformWatcher;
import no.dhoindex.adapters.organisation.OrganisationSettings;

/**
 * {@code POST /adapters/<org>/platform/notifications}: the platform's FHIR rest-hook notifications.
 * Fail closed: only a request with the secret the adapter put in its Subscription is taken, and
 * then only as a trigger to read the platform again; the body is never read.
 */
@WebServlet(urlPatterns = "/platform/notifications")
public class PlatformNotifications extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(PlatformNotifications.class.getName());

    @Inject
    PlatformSubscription subscription;

    @Inject
    PlatformWatcher watcher;

    @Inject
    OrganisationSettings settings;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!subscription.authentic(request.getHeader(PlatformSubscription.SECRET_HEADER))) {
            LOG.warning(() -> "event=platform-notification organisation=" + settings.organisation().id()
                    + " from=" + request.getRemoteAddr() + " outcome=refused reason=\"no or wrong secret\"");
            response.setHeader("WWW-Authenticate", "DHO-Notification-Secret");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "A notification must carry the subscription's secret");
            return;
        }
        watcher.trigger();
        response.setStatus(HttpServletResponse.SC_OK);
    }
}
