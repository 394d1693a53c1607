package no.dhoindex.trustanchor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Optional;
import no.dhoindex.shared.health.ReadinessReport;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready ({@code /health/ready}, check named after the context root) once its signing key is loaded. */
@Readiness
@ApplicationScoped
public class TrustAnchorReadiness implements HealthCheck {

    @Inject
    TrustAnchorResource resource;

    /** The context root, which names the check (known once the application has started). */
    private volatile String contextPath;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        contextPath = context.getContextPath();
    }

    @Override
    public HealthCheckResponse call() {
        if (contextPath == null) {
            return ReadinessReport.starting("trust-anchor").response();
        }
        return ReadinessReport.of(contextPath)
                .check("signing-key", "loaded", () -> resource.signingKeyLoaded() ? Optional.empty()
                        : Optional.of("not loaded")).response();
    }
}
