package no.dhoindex.registry.infrastructure.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import no.dhoindex.registry.domain.RemovableMetadata;
import no.dhoindex.registry.domain.StoredObject;
import no.dhoindex.registry.domain.StoredObject.Kind;
import no.dhoindex.shared.jdbc.Transaction;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AvailabilityStatus;

/** {@link RemovableMetadata} on JDBC (H2 or PostgreSQL): the same tables as {@link JdbcPointerStore}. */
@ApplicationScoped
public class JdbcRemovableMetadata implements RemovableMetadata {

    /** Each kind's tables, those that hang off it first and its own last. */
    private static final Map<Kind, List<String>> TABLES = Map.of(
            Kind.SUBMISSION_SET, List.of("submission_set_author", "submission_set"),
            Kind.DOCUMENT_ENTRY, List.of("document_entry_code", "document_entry_author", "document_entry_reference",
                    "document_entry"),
            Kind.FOLDER, List.of("folder_code", "folder"),
            Kind.ASSOCIATION, List.of("association"));

    private final RegistryDatabase database;

    /** For the CDI proxy only. */
    protected JdbcRemovableMetadata() {
        this.database = null;
    }

    @Inject
    public JdbcRemovableMetadata(RegistryDatabase database) {
        this.database = database;
    }

    @Override
    public List<StoredObject> objects(Collection<String> entryUuids) {
        if (entryUuids.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(entryUuids));
        String in = PointerSql.placeholders(ids.size());
        String sql = "SELECT entry_uuid, 'SUBMISSION_SET' AS kind, patient_id, status, source_id AS owner"
                + " FROM submission_set WHERE entry_uuid IN (" + in + ")"
                + " UNION ALL SELECT entry_uuid, 'DOCUMENT_ENTRY', patient_id, status, repository_unique_id"
                + " FROM document_entry WHERE entry_uuid IN (" + in + ")"
                + " UNION ALL SELECT entry_uuid, 'FOLDER', patient_id, status, CAST(NULL AS VARCHAR(128))"
                + " FROM folder WHERE entry_uuid IN (" + in + ")"
                + " UNION ALL SELECT entry_uuid, 'ASSOCIATION', patient_id, status, CAST(NULL AS VARCHAR(128))"
                + " FROM association WHERE entry_uuid IN (" + in + ")";
        List<String> params = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            params.addAll(ids);
        }
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<StoredObject> objects = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.add(new StoredObject(rs.getString(1), Kind.valueOf(rs.getString(2).strip()),
                            rs.getString(3), AvailabilityStatus.valueOf(rs.getString(4)), rs.getString(5)));
                }
            }
            return objects;
        } catch (SQLException e) {
            throw new IllegalStateException("Registry look-up for a removal failed", e);
        }
    }

    @Override
    public List<Association> associations(Collection<String> entryUuids) {
        return associationsWhere("entry_uuid IN (%s)", entryUuids, 1);
    }

    @Override
    public List<Association> associationsTouching(Collection<String> entryUuids) {
        return associationsWhere("source_uuid IN (%1$s) UNION " + PointerSql.ASSOCIATIONS_SELECT
                + " WHERE target_uuid IN (%1$s)", entryUuids, 2);
    }

    private List<Association> associationsWhere(String condition, Collection<String> entryUuids, int times) {
        if (entryUuids.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(entryUuids));
        List<String> params = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            params.addAll(ids);
        }
        String sql = PointerSql.ASSOCIATIONS_SELECT + " WHERE " + condition.formatted(PointerSql.placeholders(ids.size()))
                + " ORDER BY seq";
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<Association> associations = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    associations.add(JdbcPointerStore.association(rs));
                }
            }
            return associations;
        } catch (SQLException e) {
            throw new IllegalStateException("Registry look-up for a removal failed", e);
        }
    }

    @Override
    public void remove(Collection<StoredObject> objects) {
        List<String> ids = objects.stream().map(StoredObject::entryUuid).distinct().toList();
        Transaction.run(database.dataSource(), "Removal", c -> {
            for (StoredObject o : objects) {
                delete(c, o);
            }
            requireNoNewReference(c, ids);
            return null;
        });
    }

    private static void delete(Connection c, StoredObject o) throws SQLException {
        List<String> tables = TABLES.get(o.kind());
        int removed = 0;
        for (String table : tables) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE entry_uuid = ?")) {
                ps.setString(1, o.entryUuid());
                removed = ps.executeUpdate();
            }
        }
        // The last table is the object's own: it is gone if another removal took it meanwhile.
        if (removed != 1) {
            throw new XdsRefusal(XdsErrorCode.UNRESOLVED_REFERENCE, "Object " + o.entryUuid()
                    + " was removed concurrently; nothing was removed", o.entryUuid());
        }
    }

    /** A registration that began to reference a removed object meanwhile makes the removal fail, not dangle. */
    private static void requireNoNewReference(Connection c, List<String> ids) throws SQLException {
        String in = PointerSql.placeholders(ids.size());
        // Two index look-ups, not an OR of two columns (which H2 answers with a table scan).
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_uuid FROM association WHERE source_uuid IN ("
                + in + ") UNION SELECT entry_uuid FROM association WHERE target_uuid IN (" + in + ")")) {
            List<String> params = new ArrayList<>(ids);
            params.addAll(ids);
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new XdsRefusal(XdsErrorCode.REFERENCES_EXIST, "Association " + rs.getString(1)
                            + " began to reference a removed object meanwhile; nothing was removed", rs.getString(1));
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }
}
