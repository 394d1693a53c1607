package no.dhoindex.gateway.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import no.dhoindex.shared.health.ReadinessReport;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateway is ready ({@code /health/ready}, check named after its context root) once its warm-up
 * is done: DOWN (HTTP 503) while it warms up, naming what is still missing.
 */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    @Inject
    GatewayWarmUp warmUp;

    @Inject
    ServletContext servletContext;

    @Override
    public HealthCheckResponse call() {
        String name = servletContext.getContextPath();
        return warmUp.progress().map(p -> p.report(name))
                .orElseGet(() -> ReadinessReport.of(name).notReady("warm-up", "not started yet")).response();
    }
}
