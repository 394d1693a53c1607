package no.dhoindex.demoplatform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready ({@code /health/ready}, check named after the context root, as every DHO Index application's)
 * once the FHIR servlet has started and seeded its store.
 */
@Readiness
@ApplicationScoped
public class DemoPlatformReadiness implements HealthCheck {

    static final String SEEDED = DemoPlatformReadiness.class.getName() + ".seeded";

    @Inject
    ServletContext servletContext;

    @Override
    public HealthCheckResponse call() {
        boolean seeded = Boolean.TRUE.equals(servletContext.getAttribute(SEEDED));
        return HealthCheckResponse.named(servletContext.getContextPath()).status(seeded)
                .withData("fhir", seeded ? "seeded" : "DOWN: not started yet").build();
    }
}
