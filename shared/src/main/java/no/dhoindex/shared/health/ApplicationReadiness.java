package no.dhoindex.shared.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * An application's readiness check ({@code /health/ready}), named after its context root so that a launcher
 * waiting for several applications in one Payara knows whose it is. Payara asks the checks before the
 * application's context has started; until then the check is DOWN under a name that is not yet the context root.
 * Subclasses say only what they check.
 */
public abstract class ApplicationReadiness implements HealthCheck {

    /** The context root (known once the application has started). */
    private volatile String contextPath;

    /** CDI inherits this observer into each subclass bean. */
    protected void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        contextPath = context.getContextPath();
    }

    @Override
    public final HealthCheckResponse call() {
        String path = contextPath;
        return (path == null ? ReadinessReport.starting(application()) : report(ReadinessReport.of(path))).response();
    }

    /** The application's name while it has no context root yet (e.g. "registry"). */
    protected abstract String application();

    /** Adds this application's checks to its report (named after its context root) and returns it. */
    protected abstract ReadinessReport report(ReadinessReport report);
}
