package no.dhoindex.registry.infrastructure.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.dhoindex.registry.domain.OwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;

/** {@link OwnPointers} on JDBC: the organisation's arcs are part of the WHERE clause. */
@ApplicationScoped
public class JdbcOwnPointers implements OwnPointers {

    @Inject
    RegistryDatabase database;

    @Override
    public Optional<SubmissionSetHeld> submissionSet(Registrant registrant, String uniqueId) {
        List<String> params = new ArrayList<>(List.of(uniqueId));
        String own = ownedBy(registrant, "source_id", params);
        if (own == null) {
            return Optional.empty();
        }
        try (Connection c = database.dataSource().getConnection()) {
            String entryUuid;
            String patient;
            String status;
            try (PreparedStatement ps = c.prepareStatement("SELECT entry_uuid, patient_id, status FROM submission_set"
                    + " WHERE unique_id = ?" + own)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    entryUuid = rs.getString(1);
                    patient = rs.getString(2);
                    status = rs.getString(3);
                }
            }
            List<String> documentParams = new ArrayList<>(List.of(entryUuid));
            String ownDocuments = ownedBy(registrant, "d.repository_unique_id", documentParams);
            List<DocumentHeld> documents = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.unique_id, d.entry_uuid, d.status, d.meta, a.entry_uuid"
                    + " FROM association a JOIN document_entry d ON d.entry_uuid = a.target_uuid"
                    + " WHERE a.source_uuid = ? AND a.assoc_type = 'HAS_MEMBER'" + ownDocuments
                    + " ORDER BY d.unique_id")) {
                bind(ps, documentParams);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        DocumentLocation location = StoredForm.document(rs.getBytes(4)).location();
                        documents.add(new DocumentHeld(rs.getString(1), rs.getString(2),
                                location == null ? null : location.hash(), location == null ? null : location.size(),
                                rs.getString(3), rs.getString(5)));
                    }
                }
            }
            return Optional.of(new SubmissionSetHeld(uniqueId, entryUuid, patient, status, documents));
        } catch (SQLException e) {
            throw new IllegalStateException("Own pointers look-up failed", e);
        }
    }

    @Override
    public List<DocumentListed> documents(Registrant registrant, String patientCx, String after, int limit) {
        List<String> params = new ArrayList<>();
        String own = ownedBy(registrant, "d.repository_unique_id", params);
        if (own == null) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT d.entry_uuid, d.unique_id, d.patient_id, d.status,"
                + " d.repository_unique_id, d.meta, (SELECT MIN(s.unique_id) FROM association a"
                + " JOIN submission_set s ON s.entry_uuid = a.source_uuid"
                + " WHERE a.target_uuid = d.entry_uuid AND a.assoc_type = 'HAS_MEMBER') AS set_unique_id"
                + " FROM document_entry d WHERE 1 = 1").append(own);
        if (patientCx != null) {
            sql.append(" AND d.patient_id = ?");
            params.add(patientCx);
        }
        if (after != null) {
            sql.append(" AND d.entry_uuid > ?");
            params.add(after);
        }
        sql.append(" ORDER BY d.entry_uuid LIMIT ").append(Math.max(1, limit));
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            List<DocumentListed> documents = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DocumentPointer stored = StoredForm.document(rs.getBytes(6));
                    DocumentLocation location = stored.location();
                    documents.add(new DocumentListed(rs.getString(1), rs.getString(2), rs.getString(3),
                            code(stored.codes() == null ? null : stored.codes().classCode()),
                            code(stored.codes() == null ? null : stored.codes().typeCode()),
                            location == null ? null : location.hash(), location == null ? null : location.size(),
                            rs.getString(4), rs.getString(5), stored.id().homeCommunityId(), rs.getString(7),
                            stored.provenance() == null ? null : stored.provenance().serviceStartTime(),
                            stored.provenance() == null ? null : stored.provenance().serviceStopTime()));
                }
            }
            return documents;
        } catch (SQLException e) {
            throw new IllegalStateException("Own documents look-up failed", e);
        }
    }

    @Override
    public boolean deprecate(Registrant registrant, String entryUuid) {
        List<String> params = new ArrayList<>(List.of(entryUuid));
        String own = ownedBy(registrant, "repository_unique_id", params);
        if (own == null) {
            return false;
        }
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE document_entry SET status = 'DEPRECATED'"
                     + " WHERE entry_uuid = ?" + own)) {
            bind(ps, params);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Deprecation failed", e);
        }
    }

    private static String code(no.dhoindex.shared.xds.model.Code code) {
        return code == null ? null : code.code();
    }

    /**
     * The condition that {@code column} lies under one of the registrant's arcs (plain or urn:oid:),
     * appending its parameters; {@code null} when the registrant owns nothing (nothing to select).
     */
    static String ownedBy(Registrant registrant, String column, List<String> params) {
        if (!registrant.checked()) {
            return "";
        }
        if (registrant.orgnr() == null || registrant.arcs().isEmpty()) {
            return null;
        }
        List<String> conditions = new ArrayList<>();
        for (String arc : registrant.arcs()) {
            for (String form : List.of(arc, "urn:oid:" + arc)) {
                conditions.add(column + " = ? OR " + column + " LIKE ?");
                params.add(form);
                params.add(form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
            }
        }
        return " AND (" + String.join(" OR ", conditions) + ")";
    }

    private static void bind(PreparedStatement ps, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }
}
