package no.dhoindex.gateway.access;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import no.dhoindex.gateway.security.Callers;
import no.dhoindex.shared.access.AccessLogStore;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.jdbc.ManagedDatabase;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.model.PatientId;
import org.eclipse.microprofile.config.Config;

/**
 * The gateway's access log, kept durably in its own database (H2 by default, PostgreSQL by
 * {@code dho.gateway.db.url}). Writing never fails an access silently: a record that cannot be
 * stored fails the request (fail closed).
 */
@ApplicationScoped
public class AccessLog {

    @Inject
    Config config;

    private ManagedDatabase database;
    private AccessLogStore store;

    @PostConstruct
    void open() {
        String data = config.getOptionalValue("dho.data.dir", String.class).orElse("data");
        database = ManagedDatabase.open("gateway",
                config.getOptionalValue("dho.gateway.db.url", String.class)
                        .orElse("jdbc:h2:file:" + data + "/gateway;DB_CLOSE_ON_EXIT=FALSE"),
                config.getOptionalValue("dho.gateway.db.user", String.class).orElse("sa"),
                config.getOptionalValue("dho.gateway.db.password", String.class).orElse(""),
                config.getOptionalValue("dho.gateway.db.schema", String.class).orElse(null), 5,
                getClass().getClassLoader());
        store = new AccessLogStore(database.dataSource());
    }

    @PreDestroy
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** Records what the current caller (if verified) did or was refused, about a patient (null: not known). */
    public void record(PatientId patient, String action, AccessRecord.Outcome outcome, String reason,
                       String correlationId) {
        Optional<VerifiedCaller> caller = Callers.current();
        var attestation = caller.map(VerifiedCaller::attestation).orElse(null);
        String purpose = attestation == null ? null : attestation.careRelation().purposeOfUse();
        record(new AccessRecord(null, java.time.Instant.now(), patient, caller.map(VerifiedCaller::pid).orElse(null),
                caller.map(VerifiedCaller::hprNumber).orElse(null),
                attestation == null ? null : attestation.practitioner().name(),
                caller.map(VerifiedCaller::organisation).orElse(null), caller.map(VerifiedCaller::clientId).orElse(null),
                purpose, action, outcome, reason, correlationId, "BTG".equals(purpose)));
    }

    public void record(AccessRecord r) {
        store.record(r);
    }

    /** A patient's log, newest first. */
    public List<AccessRecord> forPatient(PatientId patient, int limit) {
        return store.forPatient(patient, limit);
    }
}
