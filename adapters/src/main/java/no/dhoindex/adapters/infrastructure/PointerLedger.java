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
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.jdbc.MetadataJson;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.adapters.lifecycle.PublishedPointers;
import no.dhoindex.shared.jdbc.Transaction;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The pointers this organisation has published, every version, with the kind of data each points
 * at: what its responding gateway answers from and what retrieve resolves uniqueIds with.
 */
@ApplicationScoped
public class PointerLedger implements PublishedPointers {

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
        insert(c, pointer, dataKind, AvailabilityStatus.APPROVED.name(), null);
    }

    /**
     * Inserts, within the caller's transaction, a pointer about to be registered with the submission
     * set {@code submissionSet}: never served nor counted until {@link PendingSubmissions#done} approves it.
     */
    public void insertPending(Connection c, DocumentPointer pointer, String dataKind, String submissionSet)
            throws SQLException {
        insert(c, pointer, dataKind, PENDING, submissionSet);
    }

    /** The status of a pointer not yet known to be registered (not an XDS availability status). */
    static final String PENDING = "PENDING";

    private void insert(Connection c, DocumentPointer pointer, String dataKind, String status, String submissionSet)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pointer (entry_uuid, unique_id, patient_id,"
                + " data_kind, status, published_at, body, submission_set) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, pointer.entryUuid());
            ps.setString(2, pointer.uniqueId());
            ps.setString(3, pointer.patientId().toCx());
            ps.setString(4, dataKind);
            ps.setString(5, status);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.setString(7, MetadataJson.write(pointer));
            ps.setString(8, submissionSet);
            ps.executeUpdate();
        }
    }

    /** The submission set of the pending pointer to this patient's data of this kind, if one is pending. */
    public Optional<String> pendingSubmissionSet(PatientId patient, String dataKind) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT submission_set FROM pointer WHERE patient_id = ? AND data_kind = ? AND status = 'PENDING'")) {
            ps.setString(1, patient.toCx());
            ps.setString(2, dataKind);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Pending pointer look-up failed", e);
        }
    }

    /** The current (approved) pointer to this patient's data of this kind. */
    public Optional<DocumentPointer> current(PatientId patient, String dataKind) {
        List<DocumentPointer> found = query("SELECT status, body FROM pointer WHERE patient_id = ? AND data_kind = ?"
                + " AND status = 'APPROVED'", patient.toCx(), dataKind);
        return found.stream().findFirst();
    }

    /** Every on-demand pointer now approved, as the patients and kinds whose data they stand for. */
    public List<Entry> currentOnDemand() {
        return entriesBy("SELECT status, body, data_kind FROM pointer WHERE data_kind IS NOT NULL"
                + " AND status = 'APPROVED'", List.of());
    }

    /** A settled version of an on-demand pointer and the uniqueId of the submission set that registered it. */
    public record Version(DocumentPointer pointer, String submissionSet) {
    }

    /** Every settled version (approved or deprecated) of the patient's pointer of this kind. */
    public List<Version> versions(PatientId patient, String dataKind) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, body, submission_set FROM pointer WHERE patient_id = ? AND data_kind = ?"
                        + " AND status <> 'PENDING'")) {
            ps.setString(1, patient.toCx());
            ps.setString(2, dataKind);
            List<Version> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Version(pointer(rs), rs.getString("submission_set")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Pointer versions could not be read", e);
        }
    }

    /** Forgets these versions once the registry has removed them (ITI-62): nothing serves them any more. */
    public void removed(Collection<String> entryUuids) {
        if (entryUuids.isEmpty()) {
            return;
        }
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM pointer WHERE entry_uuid IN ("
                        + String.join(", ", Collections.nCopies(entryUuids.size(), "?")) + ")")) {
            int i = 1;
            for (String id : entryUuids) {
                ps.setString(i++, id);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Removed pointers could not be forgotten", e);
        }
    }

    /**
     * The pointer with this uniqueId, if it is of the scope's patient: the patient is part of the
     * selection, so another patient's document is not found, exactly like one that does not exist.
     */
    public Optional<Entry> byUniqueId(PatientScope scope, String uniqueId) {
        // The versions of a pointer share its uniqueId: the approved one answers for them.
        List<Entry> found = entries(scope, "unique_id", List.of(uniqueId));
        return found.stream().filter(e -> e.pointer().status() == AvailabilityStatus.APPROVED).findFirst()
                .or(() -> found.stream().findFirst());
    }

    /** Every pointer (any status) of the patient: the responding gateway filters them per query. */
    public List<DocumentPointer> ofPatient(PatientId patient) {
        return query("SELECT status, body FROM pointer WHERE patient_id = ? AND status <> 'PENDING'",
                patient.toCx());
    }

    /** The scope's patient's pointers with these entryUUIDs (see {@link #byUniqueId}). */
    public List<DocumentPointer> byEntryUuids(PatientScope scope, Collection<String> entryUuids) {
        return entries(scope, "entry_uuid", entryUuids).stream().map(Entry::pointer).toList();
    }

    /** The scope's patient's pointers with these uniqueIds (see {@link #byUniqueId}). */
    public List<DocumentPointer> byUniqueIds(PatientScope scope, Collection<String> uniqueIds) {
        return entries(scope, "unique_id", uniqueIds).stream().map(Entry::pointer).toList();
    }

    /**
     * The selection by id, restricted to the scope's patient in the SQL itself (CX: authority and
     * id together). A scope bound to nobody selects nothing without asking; only an explicitly
     * unchecked caller selects without the condition.
     */
    private List<Entry> entries(PatientScope scope, String idColumn, Collection<String> ids) {
        Objects.requireNonNull(scope, "scope");
        if (scope.isEmpty() || ids.isEmpty()) {
            return List.of();
        }
        List<String> params = new ArrayList<>(ids);
        StringBuilder sql = new StringBuilder("SELECT status, body, data_kind FROM pointer WHERE ").append(idColumn)
                .append(" IN (").append(String.join(", ", Collections.nCopies(params.size(), "?"))).append(')')
                .append(" AND status <> 'PENDING'");
        Optional<PatientId> patient = scope.patient();
        if (patient.isPresent()) {
            sql.append(" AND patient_id = ?");
            params.add(patient.get().toCx());
        } else if (!scope.isUnchecked()) {
            return List.of();
        }
        return entriesBy(sql.toString(), params);
    }

    private List<Entry> entriesBy(String sql, List<String> params) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            List<Entry> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Entry(pointer(rs), rs.getString("data_kind")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Pointer look-up failed", e);
        }
    }

    /**
     * A pointer as recorded here with its status: {@code APPROVED}, {@code DEPRECATED}, or
     * {@code PENDING} (its registration, or that of its replacement, not settled yet).
     */
    public record Recorded(DocumentPointer pointer, String status) {
    }

    /**
     * A pointer whose replacement is being registered counts as pending too: the registry may have
     * deprecated it already while it is still approved here, until the replacement is settled. So does one
     * being removed: the registry may hold it no longer, and it must not be registered again.
     */
    private static final String RECORDED = "SELECT CASE WHEN removal IS NOT NULL OR EXISTS (SELECT 1 FROM"
            + " pending_submission p WHERE p.replaces = pointer.entry_uuid) THEN '" + PENDING + "' ELSE status END"
            + " AS status, body FROM pointer";

    /** Every pointer recorded here, any status (what this organisation has published, and is publishing). */
    public List<Recorded> recorded() {
        return recordedBy(RECORDED, List.of());
    }

    /** The pointers with these entryUUIDs, as they are now. */
    public List<Recorded> recorded(Collection<String> entryUuids) {
        if (entryUuids.isEmpty()) {
            return List.of();
        }
        return recordedBy(RECORDED + " WHERE entry_uuid IN ("
                + String.join(", ", Collections.nCopies(entryUuids.size(), "?")) + ")", List.copyOf(entryUuids));
    }

    private List<Recorded> recordedBy(String sql, List<String> params) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            List<Recorded> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Recorded(MetadataJson.read(rs.getString("body"), DocumentPointer.class),
                            rs.getString("status")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Pointers could not be read", e);
        }
    }

    /** A pointer and the kind of platform data it stands for ({@code null} for a stored document). */
    public record Entry(DocumentPointer pointer, String dataKind) {
    }

    private List<DocumentPointer> query(String sql, String... params) {
        return recordedBy(sql, List.of(params)).stream()
                .map(r -> r.pointer().withStatus(AvailabilityStatus.valueOf(r.status()))).toList();
    }

    private static DocumentPointer pointer(ResultSet rs) throws SQLException {
        return MetadataJson.read(rs.getString("body"), DocumentPointer.class)
                .withStatus(AvailabilityStatus.valueOf(rs.getString("status")));
    }

    @Override
    public Optional<Published> byDocument(String documentUniqueId) {
        return published("unique_id", documentUniqueId);
    }

    @Override
    public Optional<DocumentPointer> metadata(String documentUniqueId) {
        return query("SELECT status, body FROM pointer WHERE unique_id = ? AND status <> 'PENDING'", documentUniqueId)
                .stream().findFirst();
    }

    @Override
    public Optional<Published> byEntryUuid(String entryUuid) {
        return published("entry_uuid", entryUuid);
    }

    /** The published (not pending) pointer whose {@code column} (a fixed name, never input) holds {@code value}. */
    private Optional<Published> published(String column, String value) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT entry_uuid, submission_set, status FROM pointer"
                     + " WHERE " + column + " = ? AND status <> 'PENDING'")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Published(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Pointer look-up failed", e);
        }
    }

    @Override
    public void approved(String entryUuid) {
        update("UPDATE pointer SET status = 'APPROVED' WHERE entry_uuid = ? AND status = 'DEPRECATED'", List.of(entryUuid));
    }

    @Override
    public void forget(Collection<String> entryUuids) {
        update("DELETE FROM pointer WHERE entry_uuid = ?", entryUuids);
    }

    @Override
    public void deprecated(String entryUuid) {
        update("UPDATE pointer SET status = 'DEPRECATED' WHERE entry_uuid = ?", List.of(entryUuid));
    }

    @Override
    public void removing(Collection<String> entryUuids, Removal removal) {
        Transaction.run(database.dataSource(), "Pointer removal kept", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pointer SET removal = ?, removal_at = ?"
                    + " WHERE entry_uuid = ? AND status <> 'PENDING'")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (String uuid : entryUuids) {
                    ps.setString(1, removal.name());
                    ps.setTimestamp(2, now);
                    ps.setString(3, uuid);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    @Override
    public void removalRefused(Collection<String> entryUuids) {
        update("UPDATE pointer SET removal = NULL, removal_at = NULL WHERE entry_uuid = ?", entryUuids);
    }

    @Override
    public List<Unfinished> unfinishedRemovals(Instant keptBefore) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT entry_uuid, submission_set, status, unique_id, removal"
                     + " FROM pointer WHERE removal IS NOT NULL AND removal_at < ? ORDER BY entry_uuid")) {
            ps.setTimestamp(1, Timestamp.from(keptBefore));
            List<Unfinished> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Unfinished(new Published(rs.getString(1), rs.getString(2), rs.getString(3)),
                            rs.getString(4), Removal.valueOf(rs.getString(5))));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Removals could not be read", e);
        }
    }

    /** One statement for each id, in one transaction. */
    private void update(String sql, Collection<String> entryUuids) {
        Transaction.run(database.dataSource(), "Pointer record update", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (String uuid : entryUuids) {
                    ps.setString(1, uuid);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }
}
