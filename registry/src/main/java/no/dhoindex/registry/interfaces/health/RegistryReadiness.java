package no.dhoindex.registry.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.logging.Logger;
import no.dhoindex.registry.infrastructure.jdbc.RegistryDatabase;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the registry's database answers (MicroProfile Health at /health). */
@Readiness
@Liveness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RegistryReadiness.class.getName());

    @Inject
    RegistryDatabase database;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = database.dataSource().getConnection()) {
            return HealthCheckResponse.named("registry-database").status(c.isValid(2)).build();
        } catch (Exception e) {
            LOG.warning(() -> "event=health-check check=registry-database outcome=down reason=\"" + e + "\"");
            return HealthCheckResponse.named("registry-database").down().withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
