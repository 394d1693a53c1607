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
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Submission;

/**
 * Registrations under way: the submission exactly as it is (and will again be) sent to the registry,
 * kept before the registry is asked, so a retry or a recovery sends the same uniqueIds and
 * entryUUIDs. {@link #done} and {@link #undo} each settle one in a single transaction.
 */
@ApplicationScoped
public class PendingSubmissions {

    @Inject
    AdapterDatabase database;

    /** A pending registration: the submission, the kind of data (FHIR adapter) and the pointer it replaces. */
    public record Pending(Submission submission, String dataKind, String replaces, Instant createdAt) {
    }

    @Inject
    PointerLedger ledger;

    /** Keeps an on-demand pointer's submission and the pointer (pending), in one transaction. */
    public void keepPointer(Submission submission, DocumentPointer pointer, String dataKind, String replaces) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                ledger.insertPending(c, pointer, dataKind, submission.submissionSet().uniqueId());
                keep(c, submission, dataKind, replaces);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The pointer could not be kept", e);
        }
    }

    /** Keeps it within the caller's transaction (with its documents and pointers). */
    public void keep(Connection c, Submission submission, String dataKind, String replaces) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_submission (set_unique_id, data_kind,"
                + " replaces, created_at, body) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, submission.submissionSet().uniqueId());
            ps.setString(2, dataKind);
            ps.setString(3, replaces);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.setString(5, MetadataJson.write(submission));
            ps.executeUpdate();
        }
    }

    public Optional<Pending> find(String setUniqueId) {
        List<Pending> found = select("SELECT data_kind, replaces, created_at, body FROM pending_submission"
                + " WHERE set_unique_id = ?", Timestamp.from(Instant.EPOCH), setUniqueId);
        return found.stream().findFirst();
    }

    /** Those kept before {@code before}: left by a crash, or by an outcome that could not be told. */
    public List<Pending> keptBefore(Instant before) {
        return select("SELECT data_kind, replaces, created_at, body FROM pending_submission WHERE created_at < ?"
                + " ORDER BY created_at", Timestamp.from(before), null);
    }

    /** The registry holds it: its documents are served and its pointers approved (the replaced one deprecated). */
    public void done(String setUniqueId) {
        settle(setUniqueId, true);
    }

    /** The registry does not hold it: its documents and pointers go. */
    public void undo(String setUniqueId) {
        settle(setUniqueId, false);
    }

    private void settle(String setUniqueId, boolean done) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                String replaces = null;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT replaces FROM pending_submission WHERE set_unique_id = ?")) {
                    ps.setString(1, setUniqueId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return; // settled already (by the request or by a recovery)
                        }
                        replaces = rs.getString(1);
                    }
                }
                if (done) {
                    update(c, "UPDATE document SET state = 'DONE' WHERE submission_set = ? AND state = 'PENDING'",
                            setUniqueId);
                    if (replaces != null) {
                        update(c, "UPDATE pointer SET status = 'DEPRECATED' WHERE entry_uuid = ?", replaces);
                    }
                    update(c, "UPDATE pointer SET status = 'APPROVED' WHERE submission_set = ? AND status = 'PENDING'",
                            setUniqueId);
                } else {
                    update(c, "DELETE FROM document WHERE submission_set = ? AND state = 'PENDING'", setUniqueId);
                    update(c, "DELETE FROM pointer WHERE submission_set = ? AND status = 'PENDING'", setUniqueId);
                }
                update(c, "DELETE FROM pending_submission WHERE set_unique_id = ?", setUniqueId);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The pending submission " + setUniqueId + " could not be settled", e);
        }
    }

    private static void update(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            ps.executeUpdate();
        }
    }

    private List<Pending> select(String sql, Timestamp before, String setUniqueId) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (setUniqueId != null) {
                ps.setString(1, setUniqueId);
            } else {
                ps.setTimestamp(1, before);
            }
            List<Pending> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Pending(MetadataJson.read(rs.getString(4), Submission.class), rs.getString(1),
                            rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Pending submissions could not be read", e);
        }
    }
}
