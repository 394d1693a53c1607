package no.dhoindex.gateway.access;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import no.dhoindex.gateway.security.Callers;
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

    private static final Logger LOG = Logger.getLogger(AccessLog.class.getName());

    @Inject
    Config config;

    private ManagedDatabase database;

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
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO access_log (recorded, patient_id, patient_authority,"
                     + " practitioner_pid, practitioner_hpr, practitioner_name, organisation, client_id, purpose_of_use,"
                     + " action, outcome, reason, correlation_id, emergency) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setTimestamp(1, Timestamp.from(r.recorded()));
            ps.setString(2, r.patient() == null ? null : r.patient().id());
            ps.setString(3, r.patient() == null ? null : r.patient().assigningAuthority());
            ps.setString(4, r.practitionerPid());
            ps.setString(5, r.hprNumber());
            ps.setString(6, cut(r.practitionerName(), 200));
            ps.setString(7, r.organisation());
            ps.setString(8, cut(r.clientId(), 100));
            ps.setString(9, r.purposeOfUse());
            ps.setString(10, cut(r.action(), 200));
            ps.setString(11, r.outcome().name());
            ps.setString(12, cut(r.reason(), 500));
            ps.setString(13, r.correlationId());
            ps.setBoolean(14, r.emergency());
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.severe(() -> "event=access-log-failed action=" + r.action() + " reason=\"" + e.getMessage() + "\"");
            throw new IllegalStateException("The access could not be logged, so it is not given", e);
        }
    }

    /** A patient's log, newest first. */
    public List<AccessRecord> forPatient(PatientId patient, int limit) {
        List<AccessRecord> records = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM access_log WHERE patient_id = ? AND patient_authority = ?"
                     + " ORDER BY recorded DESC, id DESC")) {
            ps.setMaxRows(limit);
            ps.setString(1, patient.id());
            ps.setString(2, patient.assigningAuthority());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(new AccessRecord(rs.getLong("id"), rs.getTimestamp("recorded").toInstant(), patient,
                            rs.getString("practitioner_pid"), rs.getString("practitioner_hpr"),
                            rs.getString("practitioner_name"), rs.getString("organisation"), rs.getString("client_id"),
                            rs.getString("purpose_of_use"), rs.getString("action"),
                            AccessRecord.Outcome.valueOf(rs.getString("outcome")), rs.getString("reason"),
                            rs.getString("correlation_id"), rs.getBoolean("emergency")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The access log could not be read", e);
        }
        return records;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
