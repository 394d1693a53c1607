package no.dhoindex.registry.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.dhoindex.registry.infrastructure.jdbc.RegistryDatabase;
import no.dhoindex.shared.health.ApplicationReadiness;
import no.dhoindex.shared.health.ReadinessReport;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready ({@code /health/ready}, check named after the context root) when the registry's database
 * answers; its schema is migrated by then (Flyway runs before the database is handed out, at start).
 * Liveness says nothing of the database: a database outage is not cured by restarting the registry.
 */
@Readiness
@ApplicationScoped
public class RegistryReadiness extends ApplicationReadiness {

    @Inject
    RegistryDatabase database;

    @Override
    protected String application() {
        return "registry";
    }

    @Override
    protected ReadinessReport report(ReadinessReport report) {
        return report.check("database", "answers, schema migrated", () -> ReadinessReport.unanswered(database.dataSource()));
    }
}
