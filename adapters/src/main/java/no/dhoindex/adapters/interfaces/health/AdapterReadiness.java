package no.dhoindex.adapters.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import no.dhoindex.adapters.infrastructure.AdapterDatabase;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.recovery.PendingRecovery;
import no.dhoindex.shared.health.ApplicationReadiness;
import no.dhoindex.shared.health.ReadinessReport;
import org.eclipse.microprofile.health.Readiness;

/**
 * One organisation's deployment is ready ({@code /health/ready}, check named after its context root,
 * e.g. {@code /adapters/kommune}) when its own database answers, the registry it publishes to answers,
 * for a FHIR organisation its platform answers, and registrations left pending by a previous run have
 * had their first settling pass.
 */
@Readiness
@ApplicationScoped
public class AdapterReadiness extends ApplicationReadiness {

    @Inject
    AdapterDatabase database;

    @Inject
    OrganisationSettings settings;

    @Inject
    PendingRecovery recovery;

    @Override
    protected String application() {
        return "adapters";
    }

    @Override
    protected ReadinessReport report(ReadinessReport report) {
        report.check("database", "answers, schema migrated", () -> ReadinessReport.unanswered(database.dataSource()));
        report.check("registry", "answers", () -> ReadinessReport.unreachable(
                URI.create(settings.registryUrl() + "?wsdl"), probeTimeout()));
        if (settings.organisation().kind() == Organisation.Kind.FHIR) {
            report.check("platform", "answers", () -> ReadinessReport.unreachable(
                    URI.create(settings.platformUrl() + "/metadata"), probeTimeout()));
        }
        return report.check("pending-recovery", "first pass done",
                () -> recovery.firstPassDone() ? Optional.empty() : Optional.of("first pass not done yet"));
    }

    private Duration probeTimeout() {
        Duration outbound = settings.outboundTimeout();
        return outbound.compareTo(Duration.ofSeconds(2)) < 0 ? outbound : Duration.ofSeconds(2);
    }
}
