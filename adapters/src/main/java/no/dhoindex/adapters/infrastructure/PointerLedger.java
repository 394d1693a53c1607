package no.dhoindex.adapters.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.dhoindex.shared.jdbc.MetadataJson;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The pointers this organisation has published, every version, with the kind of data each points
 * at: what its responding gateway answers from and what retrieve resolves uniqueIds with.
 */
@ApplicationScoped
public class PointerLedger {

    @Inject
    AdapterDatabase database;

    /** Records a published pointer, and deprecates the one it replaces (if any), in one transaction. */
    public void record(DocumentPointer pointer, String dataKind, String replacedEntryUuid) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                if (replacedEntryUuid != null) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE pointer SET status = 'DEPRECATED' WHERE entry_uuid = ?")) {
                        ps.setString(1, replacedEntryUuid);
                        ps.executeUpdate();
                    }
                }
                insert(c, pointer, dataKind);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The pointer could not be recorded", e);
        }
    }

    /** Inserts within the caller's transaction. */
    public void insert(Connection c, DocumentPointer pointer, String dataKind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pointer (entry_uuid, unique_id, patient_id,"
                + " data_kind, status, published_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, pointer.entryUuid());
            ps.setString(2, pointer.uniqueId());
            ps.setString(3, pointer.patientId().toCx());
            ps.setString(4, dataKind);
            ps.setString(5, AvailabilityStatus.APPROVED.name());
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.setString(7, MetadataJson.write(pointer));
            ps.executeUpdate();
        }
    }

    /** The current (approved) pointer to this patient's data of this kind. */
    public Optional<DocumentPointer> current(PatientId patient, String dataKind) {
        List<DocumentPointer> found = query("SELECT status, body FROM pointer WHERE patient_id = ? AND data_kind = ?"
                + " AND status = 'APPROVED'", patient.toCx(), dataKind);
        return found.stream().findFirst();
    }

    public Optional<Entry> byUniqueId(String uniqueId) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT status, body, data_kind FROM pointer WHERE unique_id = ?")) {
            ps.setString(1, uniqueId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Entry(pointer(rs), rs.getString("data_kind"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Pointer look-up failed", e);
        }
    }

    /** Every pointer (any status) of the patient: the responding gateway filters them per query. */
    public List<DocumentPointer> ofPatient(PatientId patient) {
        return query("SELECT status, body FROM pointer WHERE patient_id = ?", patient.toCx());
    }

    public List<DocumentPointer> byEntryUuids(java.util.Collection<String> entryUuids) {
        List<DocumentPointer> result = new ArrayList<>();
        for (String uuid : entryUuids) {
            result.addAll(query("SELECT status, body FROM pointer WHERE entry_uuid = ?", uuid));
        }
        return result;
    }

    public List<DocumentPointer> byUniqueIds(java.util.Collection<String> uniqueIds) {
        List<DocumentPointer> result = new ArrayList<>();
        for (String id : uniqueIds) {
            byUniqueId(id).ifPresent(e -> result.add(e.pointer()));
        }
        return result;
    }

    /** A pointer and the kind of platform data it stands for ({@code null} for a stored document). */
    public record Entry(DocumentPointer pointer, String dataKind) {
    }

    private List<DocumentPointer> query(String sql, String... params) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<DocumentPointer> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(pointer(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Pointer query failed", e);
        }
    }

    private static DocumentPointer pointer(ResultSet rs) throws SQLException {
        return MetadataJson.read(rs.getString("body"), DocumentPointer.class)
                .withStatus(AvailabilityStatus.valueOf(rs.getString("status")));
    }
}
