package no.dhoindex.trustanchor;

import jakarta.enterprise.context.ApplicationScoped;
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

    @Inject
    ServletContext servletContext;

    @Override
    public HealthCheckResponse call() {
        return ReadinessReport.of(servletContext.getContextPath())
                .check("signing-key", "loaded", () -> resource.signingKeyLoaded() ? Optional.empty()
                        : Optional.of("not loaded")).response();
    }
}
