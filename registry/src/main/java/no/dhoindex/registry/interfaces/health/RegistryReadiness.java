package no.dhoindex.registry.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.sql.Connection;
import java.util.Optional;
import no.dhoindex.registry.infrastructure.jdbc.RegistryDatabase;
import no.dhoindex.shared.health.ReadinessReport;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready ({@code /health/ready}, check named after the context root) when the registry's database
 * answers; its schema is migrated by then (Flyway runs before the database is handed out, at start).
 * Liveness says nothing of the database: a database outage is not cured by restarting the registry.
 */
@Readiness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    @Inject
    RegistryDatabase database;

    /** The context root, which names the check (known once the application has started). */
    private volatile String contextPath;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        contextPath = context.getContextPath();
    }

    @Override
    public HealthCheckResponse call() {
        if (contextPath == null) {
            return ReadinessReport.starting("registry").response();
        }
        return ReadinessReport.of(contextPath)
                .check("database", "answers, schema migrated", () -> {
                    try (Connection c = database.dataSource().getConnection()) {
                        return c.isValid(2) ? Optional.empty() : Optional.of("connection not valid");
                    } catch (java.sql.SQLException e) {
                        return Optional.of(String.valueOf(e.getMessage()));
                    }
                }).response();
    }
}
