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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dhoindex.adapters.lifecycle.StoredDocuments;
import no.dhoindex.shared.jdbc.Transaction;

/** The documents a repository organisation shares: they stay here; only pointers leave. */
@ApplicationScoped
public class DocumentVault implements StoredDocuments {

    @Inject
    AdapterDatabase database;

    /** A stored document. */
    public record StoredDocument(String uniqueId, String mimeType, String hash, long size, byte[] content) {
    }

    public Optional<StoredDocument> find(String uniqueId) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT mime_type, hash, size_bytes, content FROM document WHERE unique_id = ? AND state = 'DONE'")) {
            ps.setString(1, uniqueId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredDocument(uniqueId, rs.getString(1), rs.getString(2),
                        rs.getLong(3), rs.getBytes(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Document look-up failed", e);
        }
    }

    /**
     * Inserts a document pending registration with {@code submissionSet}, within the caller's
     * transaction, so documents and pointers commit together; never served until done.
     */
    public void insertPending(Connection c, StoredDocument d, String submissionSet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO document (unique_id, mime_type, hash, size_bytes,"
                + " content, stored_at, state, submission_set) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)")) {
            ps.setString(7, submissionSet);
            ps.setString(1, d.uniqueId());
            ps.setString(2, d.mimeType());
            ps.setString(3, d.hash());
            ps.setLong(4, d.size());
            ps.setBytes(5, d.content());
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    @Override
    public Set<String> present(Collection<String> uniqueIds) {
        if (uniqueIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = new ArrayList<>(new HashSet<>(uniqueIds));
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT unique_id FROM document WHERE state = 'DONE'"
                     + " AND unique_id IN (" + placeholders(ids.size()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            Set<String> present = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
            return present;
        } catch (SQLException e) {
            throw new IllegalStateException("Document look-up failed", e);
        }
    }

    /** Removes them all in one transaction, or (where one is gone meanwhile) none: the count says which. */
    @Override
    public int remove(Collection<String> uniqueIds) {
        List<String> ids = new ArrayList<>(new HashSet<>(uniqueIds));
        if (ids.isEmpty()) {
            return 0;
        }
        // A count short of the ids rolls back: another removal took one meanwhile, so none is removed.
        return Transaction.run(database.dataSource(), "Document removal", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM document WHERE state = 'DONE'"
                    + " AND unique_id IN (" + placeholders(ids.size()) + ")")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 1, ids.get(i));
                }
                int removed = ps.executeUpdate();
                if (removed != ids.size()) {
                    c.rollback();
                }
                return removed;
            }
        });
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
