package no.dhoindex.gateway.access;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import no.dhoindex.shared.access.AccessLogStore;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.access.Caller;
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
                // One small record per question: H2's writer need not wake 1,000 times a second.
                getClass().getClassLoader(), ManagedDatabase.H2_QUIET_WRITE_DELAY_MILLIS);
        store = new AccessLogStore(database.dataSource());
    }

    @PreDestroy
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** Records what this caller did or was refused, about a patient (null: not known). */
    public void record(Caller caller, PatientId patient, String action, AccessRecord.Outcome outcome, String reason,
                       String correlationId) {
        String purpose = caller.purposeOfUse();
        record(new AccessRecord(null, Instant.now(), patient, caller.subjectId(), caller.hprNumber(), caller.name(),
                caller.organisation(), null, purpose, action, outcome, reason, correlationId, "BTG".equals(purpose),
                caller.role()));
    }

    /** A refusal of credentials that did not verify: nobody known asked, about {@code patient} where the request named one. */
    public void refusedAtTheDoor(PatientId patient, String action, String reason) {
        record(new AccessRecord(null, Instant.now(), patient, null, null, null, null, null, null, action,
                AccessRecord.Outcome.REFUSED, reason, null, false, null));
    }

    /** A reading of an access log, by an auditor or by the patient it is about (no attestation, no care relation). */
    public void reading(VerifiedCaller reader, PatientId patient, String action, AccessRecord.Outcome outcome,
                        String reason, String correlationId) {
        record(new AccessRecord(null, Instant.now(), patient, reader == null ? null : reader.pid(),
                reader == null ? null : reader.hprNumber(), null, reader == null ? null : reader.organisation(),
                reader == null ? null : reader.clientId(), null, action, outcome, reason, correlationId, false, null));
    }

    public void record(AccessRecord r) {
        store.record(r);
    }

    /** A patient's log, newest first. */
    public List<AccessRecord> forPatient(PatientId patient, int limit) {
        return store.forPatient(patient, limit);
    }
}
