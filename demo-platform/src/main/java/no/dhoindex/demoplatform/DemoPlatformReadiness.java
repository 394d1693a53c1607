package no.dhoindex.demoplatform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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

    /** The application, whose context root names the check (known once it has started). */
    private volatile ServletContext application;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        application = context;
    }

    @Override
    public HealthCheckResponse call() {
        ServletContext context = application;
        boolean seeded = context != null && Boolean.TRUE.equals(context.getAttribute(SEEDED));
        return HealthCheckResponse.named(context == null ? "demo-platform (starting)" : context.getContextPath()).status(seeded)
                .withData("fhir", seeded ? "seeded" : "DOWN: not started yet").build();
    }
}
