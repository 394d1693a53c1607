package no.dhoindex.shared.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * An access log kept in its deployable's own database (table {@code access_log}, created by that
 * deployable's Flyway migration), appended to and read per patient. A record that cannot be stored
 * fails the access it records (fail closed): nothing is given that is not logged.
 */
public final class AccessLogStore {

    private static final Logger LOG = Logger.getLogger(AccessLogStore.class.getName());

    private final DataSource dataSource;

    public AccessLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(AccessRecord r) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO access_log (recorded, patient_id, patient_authority,"
                     + " practitioner_pid, practitioner_hpr, practitioner_name, organisation, client_id, purpose_of_use,"
                     + " action, outcome, reason, correlation_id, emergency, practitioner_role)"
                     + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setTimestamp(1, Timestamp.from(r.recorded()));
            ps.setString(2, r.patient() == null ? null : r.patient().id());
            ps.setString(3, r.patient() == null ? null : r.patient().assigningAuthority());
            ps.setString(4, cut(r.practitionerPid(), 32));
            ps.setString(5, cut(r.hprNumber(), 32));
            ps.setString(6, cut(r.practitionerName(), 200));
            ps.setString(7, cut(r.organisation(), 32));
            ps.setString(8, cut(r.clientId(), 100));
            ps.setString(9, cut(r.purposeOfUse(), 32));
            ps.setString(10, cut(r.action(), 200));
            ps.setString(11, r.outcome().name());
            ps.setString(12, cut(r.reason(), 500));
            ps.setString(13, cut(r.correlationId(), 100));
            ps.setBoolean(14, r.emergency());
            ps.setString(15, cut(r.role(), 32));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.severe(() -> "event=access-log-failed action=" + r.action() + " reason=\"" + e.getMessage() + "\"");
            throw new IllegalStateException("The access could not be logged, so it is not given", e);
        }
        LOG.info(() -> "event=access-logged outcome=" + r.outcome() + " hpr=" + r.hprNumber() + " organisation="
                + r.organisation() + " purpose=" + r.purposeOfUse() + (r.emergency() ? " emergency=true" : "")
                + " action=\"" + r.action() + "\"");
    }

    /** A patient's log, newest first. */
    public List<AccessRecord> forPatient(PatientId patient, int limit) {
        List<AccessRecord> records = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
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
                            rs.getString("correlation_id"), rs.getBoolean("emergency"),
                            rs.getString("practitioner_role")));
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
