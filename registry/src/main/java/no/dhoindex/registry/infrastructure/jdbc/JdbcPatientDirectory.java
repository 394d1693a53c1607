package no.dhoindex.registry.infrastructure.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import no.dhoindex.registry.domain.PatientDirectory;
import no.dhoindex.shared.xds.model.PatientId;

/** {@link PatientDirectory} in the registry's database (table {@code known_patient}). */
@ApplicationScoped
public class JdbcPatientDirectory implements PatientDirectory {

    private final RegistryDatabase database;

    /** For the CDI proxy only. */
    protected JdbcPatientDirectory() {
        this.database = null;
    }

    @Inject
    public JdbcPatientDirectory(RegistryDatabase database) {
        this.database = database;
    }

    @Override
    public boolean isKnown(PatientId patientId) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM known_patient WHERE patient_id = ?")) {
            ps.setString(1, patientId.toCx());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Patient look-up failed", e);
        }
    }

    @Override
    public boolean register(PatientId patientId) {
        if (isKnown(patientId)) {
            return false;
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO known_patient (patient_id, registered_at) VALUES (?, ?)")) {
            ps.setString(1, patientId.toCx());
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false; // fed concurrently: known either way
            }
            throw new IllegalStateException("Patient feed failed", e);
        }
    }
}
