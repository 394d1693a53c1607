package no.dhoindex.trustanchor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import no.dhoindex.shared.health.ApplicationReadiness;
import no.dhoindex.shared.health.ReadinessReport;
import org.eclipse.microprofile.health.Readiness;

/** Ready ({@code /health/ready}, check named after the context root) once its signing key is loaded. */
@Readiness
@ApplicationScoped
public class TrustAnchorReadiness extends ApplicationReadiness {

    @Inject
    TrustAnchorResource resource;

    @Override
    protected String application() {
        return "trust-anchor";
    }

    @Override
    protected ReadinessReport report(ReadinessReport report) {
        return report.check("signing-key", "loaded", () -> resource.signingKeyLoaded() ? Optional.empty()
                : Optional.of("not loaded"));
    }
}
