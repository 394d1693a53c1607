package no.dhoindex.adapters.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import no.dhoindex.adapters.infrastructure.AdapterDatabase;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.recovery.PendingRecovery;
import no.dhoindex.shared.health.ReadinessReport;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * One organisation's deployment is ready ({@code /health/ready}, check named after its context root,
 * e.g. {@code /adapters/kommune}) when its own database answers, the registry it publishes to answers,
 * for a FHIR organisation its platform answers, and registrations left pending by a previous run have
 * had their first settling pass.
 */
@Readiness
@ApplicationScoped
public class AdapterReadiness implements HealthCheck {

    @Inject
    AdapterDatabase database;

    @Inject
    OrganisationSettings settings;

    @Inject
    PendingRecovery recovery;

    /** The context root, which names the check (known once the application has started). */
    private volatile String contextPath;

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        contextPath = context.getContextPath();
    }

    @Override
    public HealthCheckResponse call() {
        if (contextPath == null) {
            return ReadinessReport.starting("adapters").response();
        }
        ReadinessReport report = ReadinessReport.of(contextPath);
        report.check("database", "answers, schema migrated", () -> {
            try (Connection c = database.dataSource().getConnection()) {
                return c.isValid(2) ? Optional.empty() : Optional.of("connection not valid");
            } catch (java.sql.SQLException e) {
                return Optional.of(String.valueOf(e.getMessage()));
            }
        });
        report.check("registry", "answers", () -> ReadinessReport.unreachable(
                URI.create(settings.registryUrl() + "?wsdl"), probeTimeout()));
        if (settings.organisation().kind() == Organisation.Kind.FHIR) {
            report.check("platform", "answers", () -> ReadinessReport.unreachable(
                    URI.create(settings.platformUrl() + "/metadata"), probeTimeout()));
        }
        report.check("pending-recovery", "first pass done",
                () -> recovery.firstPassDone() ? Optional.empty() : Optional.of("first pass not done yet"));
        return report.response();
    }

    private Duration probeTimeout() {
        Duration outbound = settings.outboundTimeout();
        return outbound.compareTo(Duration.ofSeconds(2)) < 0 ? outbound : Duration.ofSeconds(2);
    }
}
