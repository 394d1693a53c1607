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
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import no.dhoindex.registry.domain.PointerStore;
import no.dhoindex.registry.domain.RegistrationPlan;
import no.dhoindex.registry.domain.UpdatePlan;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.DtmTime;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.StoredQuery;

/** {@link PointerStore} on JDBC (H2 or PostgreSQL); the SQL lives in {@link PointerSql}. */
@ApplicationScoped
public class JdbcPointerStore implements PointerStore {

    /** Insertion order, newest last: microseconds since the epoch, strictly increasing per process. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final RegistryDatabase database;

    /** For the CDI proxy only. */
    protected JdbcPointerStore() {
        this.database = null;
    }

    @Inject
    public JdbcPointerStore(RegistryDatabase database) {
        this.database = database;
    }

    @Override
    public void apply(RegistrationPlan plan) {
        inTransaction(c -> insertAll(c, plan));
    }

    @Override
    public void apply(UpdatePlan plan) {
        inTransaction(c -> {
            supersede(c, PointerSql.SUPERSEDE_DOCUMENT, plan.supersededDocumentUuids());
            supersede(c, PointerSql.SUPERSEDE_FOLDER, plan.supersededFolderUuids());
            for (UpdatePlan.StatusChange change : plan.statusChanges()) {
                String sql = switch (change.kind()) {
                    case DOCUMENT -> PointerSql.CHANGE_DOCUMENT_STATUS;
                    case FOLDER -> PointerSql.CHANGE_FOLDER_STATUS;
                    case ASSOCIATION -> PointerSql.CHANGE_ASSOCIATION_STATUS;
                };
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, change.to().name());
                    ps.setString(2, change.entryUuid());
                    ps.setString(3, change.from().name());
                    if (ps.executeUpdate() == 0) {
                        throw new XdsRefusal(XdsErrorCode.METADATA_UPDATE_ERROR, "The status of " + change.entryUuid()
                                + " changed concurrently", change.entryUuid());
                    }
                }
            }
            insertAll(c, plan.additions());
        });
    }

    private static void supersede(Connection c, String sql, List<String> uuids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String uuid : uuids) {
                ps.setString(1, uuid);
                if (ps.executeUpdate() == 0) {
                    throw new XdsRefusal(XdsErrorCode.METADATA_VERSION_ERROR, "Version " + uuid
                            + " was updated concurrently and is no longer the latest", uuid);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_REGISTRY,
                        "A uniqueId of the submission was registered concurrently");
            }
            throw new IllegalStateException("Registration could not be stored", e);
        }
    }

    private void insertAll(Connection c, RegistrationPlan plan) throws SQLException {
        // Deprecate first: the conditional update is what serialises competing replacements.
        if (!plan.deprecatedDocumentUuids().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(PointerSql.DEPRECATE_DOCUMENT)) {
                for (String uuid : plan.deprecatedDocumentUuids()) {
                    ps.setString(1, uuid);
                    ps.addBatch();
                }
                for (int updated : ps.executeBatch()) {
                    if (updated == 0) {
                        throw new XdsRefusal(XdsErrorCode.DEPRECATED_DOCUMENT,
                                "A document to be replaced was deprecated concurrently");
                    }
                }
            }
        }
        if (!plan.folderLastUpdateTimes().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(PointerSql.TOUCH_FOLDER)) {
                for (Map.Entry<String, String> e : plan.folderLastUpdateTimes().entrySet()) {
                    ps.setString(1, e.getValue());
                    ps.setString(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        insertSubmissionSet(c, plan.submissionSet());
        insertDocuments(c, plan.documents());
        insertFolders(c, plan.folders());
        insertAssociations(c, plan.associations(), plan.submissionSet().patientId());
    }

    private void insertSubmissionSet(Connection c, SubmissionSet s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PointerSql.INSERT_SUBMISSION_SET)) {
            ps.setString(1, s.entryUuid());
            ps.setString(2, s.uniqueId());
            ps.setString(3, s.patientId().toCx());
            ps.setString(4, s.status().name());
            ps.setString(5, s.sourceId());
            ps.setString(6, DtmTime.sortable(s.submissionTime()));
            ps.setString(7, s.contentTypeCode() == null ? null : s.contentTypeCode().code());
            ps.setString(8, s.contentTypeCode() == null ? null : s.contentTypeCode().scheme());
            ps.setLong(9, nextSeq());
            ps.setBytes(10, StoredForm.write(s));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(PointerSql.INSERT_SUBMISSION_SET_AUTHOR)) {
            for (Author a : s.authors()) {
                if (a.person() != null) {
                    ps.setString(1, s.entryUuid());
                    ps.setString(2, a.person().toXcn());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void insertDocuments(Connection c, List<DocumentPointer> documents) throws SQLException {
        if (documents.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(PointerSql.INSERT_DOCUMENT);
             PreparedStatement codes = c.prepareStatement(PointerSql.INSERT_DOCUMENT_CODE);
             PreparedStatement authors = c.prepareStatement(PointerSql.INSERT_DOCUMENT_AUTHOR);
             PreparedStatement refs = c.prepareStatement(PointerSql.INSERT_DOCUMENT_REFERENCE)) {
            for (DocumentPointer d : documents) {
                int i = 1;
                ps.setString(i++, d.entryUuid());
                ps.setString(i++, d.uniqueId());
                ps.setString(i++, d.id().logicalUuid());
                ps.setString(i++, d.patientId().toCx());
                ps.setString(i++, d.status().name());
                ps.setString(i++, d.type().name());
                i = setCode(ps, i, d.codes().classCode());
                i = setCode(ps, i, d.codes().typeCode());
                i = setCode(ps, i, d.codes().practiceSettingCode());
                i = setCode(ps, i, d.codes().healthcareFacilityTypeCode());
                i = setCode(ps, i, d.codes().formatCode());
                ps.setString(i++, DtmTime.sortable(d.provenance().creationTime()));
                ps.setString(i++, DtmTime.sortable(d.provenance().serviceStartTime()));
                ps.setString(i++, DtmTime.sortable(d.provenance().serviceStopTime()));
                ps.setString(i++, d.location() == null ? null : d.location().repositoryUniqueId());
                ps.setLong(i++, nextSeq());
                ps.setBytes(i++, StoredForm.write(d));
                ps.setInt(i, version(d.id()));
                ps.addBatch();
                addCodes(codes, d.entryUuid(), "E", d.codes().eventCodes());
                addCodes(codes, d.entryUuid(), "C", d.codes().confidentialityCodes());
                for (Author a : d.provenance().authors()) {
                    if (a.person() != null) {
                        authors.setString(1, d.entryUuid());
                        authors.setString(2, a.person().toXcn());
                        authors.addBatch();
                    }
                }
                for (Identifier ref : d.referenceIds()) {
                    refs.setString(1, d.entryUuid());
                    refs.setString(2, ref.toCx());
                    refs.addBatch();
                }
            }
            ps.executeBatch();
            codes.executeBatch();
            authors.executeBatch();
            refs.executeBatch();
        }
    }

    private static int setCode(PreparedStatement ps, int i, Code code) throws SQLException {
        ps.setString(i, code == null ? null : code.code());
        ps.setString(i + 1, code == null ? null : code.scheme());
        return i + 2;
    }

    private static void addCodes(PreparedStatement ps, String uuid, String kind, List<Code> codes)
            throws SQLException {
        for (Code code : codes) {
            ps.setString(1, uuid);
            ps.setString(2, kind);
            ps.setString(3, code.code());
            ps.setString(4, code.scheme());
            ps.addBatch();
        }
    }

    private void insertFolders(Connection c, List<Folder> folders) throws SQLException {
        if (folders.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(PointerSql.INSERT_FOLDER);
             PreparedStatement codes = c.prepareStatement(PointerSql.INSERT_FOLDER_CODE)) {
            for (Folder f : folders) {
                ps.setString(1, f.entryUuid());
                ps.setString(2, f.uniqueId());
                ps.setString(3, f.patientId().toCx());
                ps.setString(4, f.status().name());
                ps.setString(5, DtmTime.sortable(f.lastUpdateTime()));
                ps.setLong(6, nextSeq());
                ps.setBytes(7, StoredForm.write(f));
                ps.setString(8, f.id().logicalUuid() == null ? f.entryUuid() : f.id().logicalUuid());
                ps.setInt(9, version(f.id()));
                ps.addBatch();
                for (Code code : f.codes()) {
                    codes.setString(1, f.entryUuid());
                    codes.setString(2, code.code());
                    codes.setString(3, code.scheme());
                    codes.addBatch();
                }
            }
            ps.executeBatch();
            codes.executeBatch();
        }
    }

    /** Every association of a registration is its one patient's (checked by the registration), kept for by-id selections. */
    private void insertAssociations(Connection c, List<Association> associations, PatientId patient) throws SQLException {
        if (associations.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(PointerSql.INSERT_ASSOCIATION)) {
            for (Association a : associations) {
                ps.setString(1, a.entryUuid());
                ps.setString(2, a.type().name());
                ps.setString(3, a.sourceUuid());
                ps.setString(4, a.targetUuid());
                ps.setString(5, a.status().name());
                ps.setLong(6, nextSeq());
                ps.setBytes(7, StoredForm.write(a));
                ps.setString(8, patient.toCx());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int version(no.dhoindex.shared.xds.model.RegistryObjectId id) {
        return id.version() == null ? 1 : Integer.parseInt(id.version());
    }

    private static long nextSeq() {
        long now = System.currentTimeMillis() * 1000;
        return SEQUENCE.updateAndGet(last -> Math.max(last + 1, now));
    }

    // ---- reads -------------------------------------------------------------------------

    @Override
    public List<DocumentPointer> documentsByUuid(PatientScope scope, Collection<String> entryUuids) {
        return readIn(PointerSql.DOCUMENTS_BY, "entry_uuid", entryUuids, scope, JdbcPointerStore::document);
    }

    @Override
    public List<DocumentPointer> documentsByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return readIn(PointerSql.DOCUMENTS_BY, "unique_id", uniqueIds, scope, JdbcPointerStore::document);
    }

    @Override
    public List<DocumentPointer> documentsByLogicalId(PatientScope scope, Collection<String> logicalIds) {
        return readIn(PointerSql.DOCUMENTS_BY, "logical_uuid", logicalIds, scope, JdbcPointerStore::document);
    }

    @Override
    public List<SubmissionSet> submissionSetsByUuid(PatientScope scope, Collection<String> entryUuids) {
        return readIn(PointerSql.SUBMISSION_SETS_BY, "entry_uuid", entryUuids, scope, JdbcPointerStore::submissionSet);
    }

    @Override
    public List<SubmissionSet> submissionSetsByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return readIn(PointerSql.SUBMISSION_SETS_BY, "unique_id", uniqueIds, scope, JdbcPointerStore::submissionSet);
    }

    @Override
    public List<Folder> foldersByUuid(PatientScope scope, Collection<String> entryUuids) {
        return readIn(PointerSql.FOLDERS_BY, "entry_uuid", entryUuids, scope, JdbcPointerStore::folder);
    }

    @Override
    public List<Folder> foldersByUniqueId(PatientScope scope, Collection<String> uniqueIds) {
        return readIn(PointerSql.FOLDERS_BY, "unique_id", uniqueIds, scope, JdbcPointerStore::folder);
    }

    @Override
    public List<Folder> foldersByLogicalId(PatientScope scope, Collection<String> logicalIds) {
        return readIn(PointerSql.FOLDERS_BY, "logical_uuid", logicalIds, scope, JdbcPointerStore::folder);
    }

    @Override
    public List<Association> associationsByUuid(PatientScope scope, Collection<String> entryUuids) {
        return readIn(PointerSql.ASSOCIATIONS_BY, "entry_uuid", entryUuids, scope, JdbcPointerStore::association);
    }

    @Override
    public List<Association> associationsTouching(PatientScope scope, Collection<String> entryUuids) {
        if (entryUuids.isEmpty() || scope.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>(entryUuids);
        String in = PointerSql.placeholders(ids.size());
        List<Object> patient = PointerSql.patientParam(scope);
        String sql = PointerSql.ASSOCIATIONS_SELECT + " WHERE source_uuid IN (" + in + ")" + PointerSql.patientCondition(scope)
                + " UNION " + PointerSql.ASSOCIATIONS_SELECT + " WHERE target_uuid IN (" + in + ")"
                + PointerSql.patientCondition(scope);
        List<Object> params = new ArrayList<>(ids);
        params.addAll(patient);
        params.addAll(ids);
        params.addAll(patient);
        return query(sql, params, JdbcPointerStore::association, Integer.MAX_VALUE);
    }

    @Override
    public List<DocumentPointer> documentsAcrossPatientsByUuid(Collection<String> entryUuids) {
        return readIn(PointerSql.DOCUMENTS_BY, "entry_uuid", entryUuids, null, JdbcPointerStore::document);
    }

    @Override
    public List<DocumentPointer> documentsAcrossPatientsByUniqueId(Collection<String> uniqueIds) {
        return readIn(PointerSql.DOCUMENTS_BY, "unique_id", uniqueIds, null, JdbcPointerStore::document);
    }

    @Override
    public List<Folder> foldersAcrossPatientsByUuid(Collection<String> entryUuids) {
        return readIn(PointerSql.FOLDERS_BY, "entry_uuid", entryUuids, null, JdbcPointerStore::folder);
    }

    @Override
    public List<DocumentPointer> latestDocumentsAcrossPatientsByLogicalId(Collection<String> logicalIds) {
        return readIn(PointerSql.DOCUMENTS_BY, "latest = TRUE AND logical_uuid", logicalIds, null,
                JdbcPointerStore::document);
    }

    @Override
    public List<Folder> latestFoldersAcrossPatientsByLogicalId(Collection<String> logicalIds) {
        return readIn(PointerSql.FOLDERS_BY, "latest = TRUE AND logical_uuid", logicalIds, null,
                JdbcPointerStore::folder);
    }

    @Override
    public List<Association> associationsAcrossPatientsByUuid(Collection<String> entryUuids) {
        return readIn(PointerSql.ASSOCIATIONS_BY, "entry_uuid", entryUuids, null, JdbcPointerStore::association);
    }

    @Override
    public List<String> registeredSetAndFolderUniqueIds(Collection<String> uniqueIds) {
        if (uniqueIds.isEmpty()) {
            return List.of();
        }
        String in = PointerSql.placeholders(uniqueIds.size());
        List<Object> params = new ArrayList<>(uniqueIds);
        params.addAll(uniqueIds);
        return query("SELECT unique_id FROM submission_set WHERE unique_id IN (" + in + ") UNION"
                + " SELECT unique_id FROM folder WHERE unique_id IN (" + in + ")", params, rs -> rs.getString(1),
                Integer.MAX_VALUE);
    }

    @Override
    public List<String> existingUuids(Collection<String> entryUuids) {
        if (entryUuids.isEmpty()) {
            return List.of();
        }
        String in = PointerSql.placeholders(entryUuids.size());
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String table : PointerSql.CLASH_UUID_TABLES) {
            if (sql.length() > 0) {
                sql.append(" UNION ");
            }
            sql.append("SELECT entry_uuid FROM ").append(table).append(" WHERE entry_uuid IN (").append(in).append(')');
            params.addAll(entryUuids);
        }
        return query(sql.toString(), params, rs -> rs.getString(1), Integer.MAX_VALUE);
    }

    @Override
    public Clashes clashes(Collection<String> entryUuids, Collection<String> documentUniqueIds,
                           Collection<String> setAndFolderUniqueIds) {
        List<String> uuids = List.copyOf(new LinkedHashSet<>(entryUuids));
        List<String> documentIds = List.copyOf(new LinkedHashSet<>(documentUniqueIds));
        List<String> setAndFolderIds = List.copyOf(new LinkedHashSet<>(setAndFolderUniqueIds));
        if (uuids.isEmpty() && documentIds.isEmpty() && setAndFolderIds.isEmpty()) {
            return new Clashes(List.of(), List.of(), List.of());
        }
        List<Object> params = new ArrayList<>(documentIds);
        for (int i = 0; i < PointerSql.CLASH_UUID_TABLES.size(); i++) {
            params.addAll(uuids);
        }
        params.addAll(setAndFolderIds);
        params.addAll(setAndFolderIds);
        Set<String> taken = new LinkedHashSet<>();
        List<DocumentPointer> documents = new ArrayList<>();
        Set<String> registered = new LinkedHashSet<>();
        query(PointerSql.clashes(uuids.size(), documentIds.size(), setAndFolderIds.size()), params, rs -> {
            switch (rs.getString("kind")) {
                case "D" -> documents.add(document(rs));
                case "U" -> taken.add(rs.getString("id"));
                default -> registered.add(rs.getString("id"));
            }
            return null;
        }, Integer.MAX_VALUE);
        return new Clashes(List.copyOf(taken), documents, List.copyOf(registered));
    }

    @Override
    public List<DocumentPointer> findDocuments(PatientId patientId, DocumentFilter filter, int limit) {
        if (filter.statuses().isEmpty()) {
            return List.of(); // no status this registry knows: nothing matches, nothing to ask
        }
        PointerSql.Query q = PointerSql.findDocuments(patientId, filter);
        return query(q.sql(), q.params(), JdbcPointerStore::document, limit);
    }

    @Override
    public List<SubmissionSet> findSubmissionSets(StoredQuery.FindSubmissionSets query, int limit) {
        if (query.statuses().isEmpty()) {
            return List.of();
        }
        PointerSql.Query q = PointerSql.findSubmissionSets(query);
        return query(q.sql(), q.params(), JdbcPointerStore::submissionSet, limit);
    }

    @Override
    public List<Folder> findFolders(StoredQuery.FindFolders query, int limit) {
        if (query.statuses().isEmpty()) {
            return List.of();
        }
        PointerSql.Query q = PointerSql.findFolders(query);
        return query(q.sql(), q.params(), JdbcPointerStore::folder, limit);
    }

    @Override
    public List<SubmissionSet> submissionSetsOfPatient(PatientId patientId, int limit) {
        return query(PointerSql.SUBMISSION_SETS_SELECT + " WHERE patient_id = ? ORDER BY seq DESC",
                List.of(patientId.toCx()), JdbcPointerStore::submissionSet, limit);
    }

    @Override
    public List<Folder> foldersOfPatient(PatientId patientId, int limit) {
        // GetAll answers the latest version of each folder ($MetadataLevel 1).
        return query(PointerSql.FOLDERS_SELECT + " WHERE patient_id = ? AND latest = TRUE ORDER BY seq DESC",
                List.of(patientId.toCx()), JdbcPointerStore::folder, limit);
    }

    /**
     * Objects by id, restricted in the SQL to the scope's patient (authority and id together, as CX);
     * {@code scope} null only for a registration's integrity checks, across patients.
     */
    private <T> List<T> readIn(String select, String column, Collection<String> values, PatientScope scope, Row<T> row) {
        if (values.isEmpty() || scope != null && scope.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(new LinkedHashSet<>(values));
        String sql = select + " WHERE " + column + " IN (" + PointerSql.placeholders(params.size()) + ")"
                + (scope == null ? "" : PointerSql.patientCondition(scope)) + " ORDER BY seq";
        if (scope != null) {
            params.addAll(PointerSql.patientParam(scope));
        }
        return query(sql, params, row, Integer.MAX_VALUE);
    }

    private <T> List<T> query(String sql, List<?> params, Row<T> row, int limit) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            if (limit < Integer.MAX_VALUE) {
                ps.setMaxRows(limit);
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Registry query failed", e);
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    // The status (and a folder's lastUpdateTime) change after registration: the column wins.

    private static DocumentPointer document(ResultSet rs) throws SQLException {
        return StoredForm.document(rs.getBytes("meta"))
                .withStatus(AvailabilityStatus.valueOf(rs.getString("status")));
    }

    private static SubmissionSet submissionSet(ResultSet rs) throws SQLException {
        return StoredForm.submissionSet(rs.getBytes("meta"));
    }

    private static Folder folder(ResultSet rs) throws SQLException {
        Folder f = StoredForm.folder(rs.getBytes("meta"));
        String lastUpdate = rs.getString("last_update_time");
        return f.withStatus(AvailabilityStatus.valueOf(rs.getString("status")))
                .withLastUpdateTime(lastUpdate == null ? f.lastUpdateTime() : lastUpdate);
    }

    static Association association(ResultSet rs) throws SQLException {
        return StoredForm.association(rs.getBytes("meta"))
                .withStatus(AvailabilityStatus.valueOf(rs.getString("status")));
    }

    private static boolean isUniqueViolation(SQLException e) {
        // SQLState 23505 is unique_violation in both PostgreSQL and H2.
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
