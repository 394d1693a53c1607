package no.dhoindex.gateway.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.shared.health.ApplicationReadiness;
import no.dhoindex.shared.health.ReadinessReport;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateway is ready ({@code /health/ready}, check named after its context root) once its warm-up
 * is done: DOWN (HTTP 503) while it warms up, naming what is still missing.
 */
@Readiness
@ApplicationScoped
public class GatewayReadiness extends ApplicationReadiness {

    @Inject
    GatewayWarmUp warmUp;

    @Override
    protected String application() {
        return "gateway";
    }

    @Override
    protected ReadinessReport report(ReadinessReport report) {
        return warmUp.progress().map(p -> p.report(report.name()))
                .orElseGet(() -> report.notReady("warm-up", "not started yet"));
    }
}
