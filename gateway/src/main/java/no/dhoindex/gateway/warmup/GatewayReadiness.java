package no.dhoindex.gateway.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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

    /** The context root, which names the check (known once the application has started). */
    private volatile String contextPath;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        contextPath = context.getContextPath();
    }

    @Override
    public HealthCheckResponse call() {
        if (contextPath == null) {
            return ReadinessReport.starting("gateway").response();
        }
        String name = contextPath;
        return warmUp.progress().map(p -> p.report(name))
                .orElseGet(() -> ReadinessReport.of(name).notReady("warm-up", "not started yet")).response();
    }
}
