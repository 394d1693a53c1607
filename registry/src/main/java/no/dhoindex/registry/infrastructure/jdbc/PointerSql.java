package no.dhoindex.registry.infrastructure.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DtmTime;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.TimeRange;

/**
 * The registry's SQL, portable between H2 and PostgreSQL. Find queries are built from the
 * filter: single-valued codes are columns, multi-valued ones EXISTS sub-queries (one per
 * AND-ed slot, the slot's codes OR-ed inside).
 */
final class PointerSql {

    static final String INSERT_SUBMISSION_SET = "INSERT INTO submission_set (entry_uuid, unique_id, patient_id, "
            + "status, source_id, submission_time, content_type_code, content_type_scheme, seq, meta) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_SUBMISSION_SET_AUTHOR =
            "INSERT INTO submission_set_author (entry_uuid, author_person) VALUES (?, ?)";
    static final String INSERT_DOCUMENT = "INSERT INTO document_entry (entry_uuid, unique_id, logical_uuid, "
            + "patient_id, status, entry_type, class_code, class_scheme, type_code, type_scheme, practice_code, "
            + "practice_scheme, facility_code, facility_scheme, format_code, format_scheme, creation_time, "
            + "service_start_time, service_stop_time, repository_unique_id, seq, meta, version) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_DOCUMENT_CODE =
            "INSERT INTO document_entry_code (entry_uuid, kind, code, scheme) VALUES (?, ?, ?, ?)";
    static final String INSERT_DOCUMENT_AUTHOR =
            "INSERT INTO document_entry_author (entry_uuid, author_person) VALUES (?, ?)";
    static final String INSERT_DOCUMENT_REFERENCE =
            "INSERT INTO document_entry_reference (entry_uuid, reference_id) VALUES (?, ?)";
    static final String INSERT_FOLDER = "INSERT INTO folder (entry_uuid, unique_id, patient_id, status, "
            + "last_update_time, seq, meta, logical_uuid, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_FOLDER_CODE = "INSERT INTO folder_code (entry_uuid, code, scheme) VALUES (?, ?, ?)";
    static final String INSERT_ASSOCIATION = "INSERT INTO association (entry_uuid, assoc_type, source_uuid, "
            + "target_uuid, status, seq, meta, patient_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    static final String DEPRECATE_DOCUMENT =
            "UPDATE document_entry SET status = 'DEPRECATED' WHERE entry_uuid = ? AND status = 'APPROVED'";
    // A metadata update: the superseded version stops being the latest (only if it still is: that
    // serialises competing updates of one logical object), and status changes expect the old status.
    static final String SUPERSEDE_DOCUMENT = "UPDATE document_entry SET latest = FALSE, status = 'DEPRECATED'"
            + " WHERE entry_uuid = ? AND latest = TRUE";
    static final String SUPERSEDE_FOLDER = "UPDATE folder SET latest = FALSE, status = 'DEPRECATED'"
            + " WHERE entry_uuid = ? AND latest = TRUE";
    static final String CHANGE_DOCUMENT_STATUS =
            "UPDATE document_entry SET status = ? WHERE entry_uuid = ? AND status = ? AND latest = TRUE";
    static final String CHANGE_FOLDER_STATUS =
            "UPDATE folder SET status = ? WHERE entry_uuid = ? AND status = ? AND latest = TRUE";
    static final String CHANGE_ASSOCIATION_STATUS =
            "UPDATE association SET status = ? WHERE entry_uuid = ? AND status = ?";
    static final String TOUCH_FOLDER = "UPDATE folder SET last_update_time = ? WHERE entry_uuid = ?";

    static final String DOCUMENTS_SELECT = "SELECT d.status, d.meta FROM document_entry d";
    static final String DOCUMENTS_BY = "SELECT status, meta, seq FROM document_entry";
    static final String SUBMISSION_SETS_SELECT = "SELECT status, meta, seq FROM submission_set";
    static final String SUBMISSION_SETS_BY = SUBMISSION_SETS_SELECT;
    static final String FOLDERS_SELECT = "SELECT status, last_update_time, meta, seq FROM folder";
    static final String FOLDERS_BY = FOLDERS_SELECT;
    static final String ASSOCIATIONS_SELECT = "SELECT status, meta, seq FROM association";
    static final String ASSOCIATIONS_BY = ASSOCIATIONS_SELECT;

    /** The tables whose entryUUIDs a new object's must not repeat (the ITI-42 and ITI-57 checks). */
    static final List<String> CLASH_UUID_TABLES = List.of("document_entry", "submission_set", "folder", "association");

    /**
     * A registration's look-up of its new identifiers, one statement for all: rows of kind D (a document entry with one
     * of the documents' uniqueIds, as the by-id selections read it), U (a taken entryUUID) and S (a registered set or
     * folder uniqueId), each branch by its own index. Parameters: the document uniqueIds, the entryUUIDs once per table
     * of {@link #CLASH_UUID_TABLES}, the set and folder uniqueIds twice. A branch without values is left out.
     */
    static String clashes(int uuids, int documentUniqueIds, int setAndFolderUniqueIds) {
        List<String> branches = new ArrayList<>();
        // The document branch first when present: its columns type the others' NULLs (meta is BYTEA or BLOB).
        if (documentUniqueIds > 0) {
            branches.add("SELECT 'D' AS kind, unique_id AS id, status, meta FROM document_entry WHERE unique_id IN ("
                    + placeholders(documentUniqueIds) + ")");
        }
        if (uuids > 0) {
            for (String table : CLASH_UUID_TABLES) {
                branches.add("SELECT 'U' AS kind, entry_uuid AS id, NULL AS status, NULL AS meta FROM " + table
                        + " WHERE entry_uuid IN (" + placeholders(uuids) + ")");
            }
        }
        if (setAndFolderUniqueIds > 0) {
            for (String table : List.of("submission_set", "folder")) {
                branches.add("SELECT 'S' AS kind, unique_id AS id, NULL AS status, NULL AS meta FROM " + table
                        + " WHERE unique_id IN (" + placeholders(setAndFolderUniqueIds) + ")");
            }
        }
        return String.join(" UNION ALL ", branches);
    }

    record Query(String sql, List<Object> params) {
    }

    private PointerSql() {
    }

    /**
     * The by-id selections' patient condition: the scope's patient as CX (authority and id together);
     * none when unchecked. A scope bound to nobody is never asked (the caller answers empty).
     */
    static String patientCondition(PatientScope scope) {
        return scope.patient().isPresent() ? " AND patient_id = ?" : unchecked(scope, "");
    }

    static List<Object> patientParam(PatientScope scope) {
        return scope.patient().<List<Object>>map(p -> List.of(p.toCx())).orElseGet(() -> unchecked(scope, List.of()));
    }

    private static <T> T unchecked(PatientScope scope, T none) {
        if (!scope.isUnchecked()) {
            throw new IllegalStateException("a selection for a scope bound to nobody must not reach the database");
        }
        return none;
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static Query findDocuments(PatientId patientId, DocumentFilter f) {
        StringBuilder sql = new StringBuilder(DOCUMENTS_SELECT).append(" WHERE d.patient_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(patientId.toCx());
        statuses(sql, params, "d.status", f.statuses());
        if (!f.allVersions()) {
            sql.append(" AND d.latest = TRUE");
        }
        types(sql, params, f.types());
        columnCodes(sql, params, "d.class_code", "d.class_scheme", f.classCodes());
        columnCodes(sql, params, "d.type_code", "d.type_scheme", f.typeCodes());
        columnCodes(sql, params, "d.practice_code", "d.practice_scheme", f.practiceSettingCodes());
        columnCodes(sql, params, "d.facility_code", "d.facility_scheme", f.healthcareFacilityTypeCodes());
        columnCodes(sql, params, "d.format_code", "d.format_scheme", f.formatCodes());
        listedCodes(sql, params, "E", f.eventCodes());
        listedCodes(sql, params, "C", f.confidentialityCodes());
        range(sql, params, "d.creation_time", f.creationTime());
        range(sql, params, "d.service_start_time", f.serviceStartTime());
        range(sql, params, "d.service_stop_time", f.serviceStopTime());
        if (!f.authorPersons().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM document_entry_author a WHERE a.entry_uuid = d.entry_uuid AND (");
            appendLikes(sql, params, "a.author_person", f.authorPersons());
            sql.append("))");
        }
        if (!f.referenceIds().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM document_entry_reference r WHERE r.entry_uuid = d.entry_uuid"
                    + " AND r.reference_id IN (").append(placeholders(f.referenceIds().size())).append("))");
            params.addAll(f.referenceIds());
        }
        sql.append(" ORDER BY d.seq DESC");
        return new Query(sql.toString(), params);
    }

    static Query findSubmissionSets(StoredQuery.FindSubmissionSets q) {
        StringBuilder sql = new StringBuilder("SELECT s.status, s.meta FROM submission_set s WHERE s.patient_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(q.patientId().toCx());
        statuses(sql, params, "s.status", q.statuses());
        if (!q.sourceIds().isEmpty()) {
            sql.append(" AND s.source_id IN (").append(placeholders(q.sourceIds().size())).append(')');
            params.addAll(q.sourceIds());
        }
        range(sql, params, "s.submission_time", q.submissionTime());
        columnCodes(sql, params, "s.content_type_code", "s.content_type_scheme", q.contentTypeCodes());
        if (q.authorPerson() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM submission_set_author a WHERE a.entry_uuid = s.entry_uuid AND (");
            appendLikes(sql, params, "a.author_person", List.of(q.authorPerson()));
            sql.append("))");
        }
        sql.append(" ORDER BY s.seq DESC");
        return new Query(sql.toString(), params);
    }

    static Query findFolders(StoredQuery.FindFolders q) {
        StringBuilder sql = new StringBuilder(
                "SELECT f.status, f.last_update_time, f.meta FROM folder f WHERE f.patient_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(q.patientId().toCx());
        statuses(sql, params, "f.status", q.statuses());
        if (!q.allVersions()) {
            sql.append(" AND f.latest = TRUE");
        }
        range(sql, params, "f.last_update_time", q.lastUpdateTime());
        for (List<Code> slot : q.codes().allOf()) {
            sql.append(" AND EXISTS (SELECT 1 FROM folder_code c WHERE c.entry_uuid = f.entry_uuid AND (");
            appendCodes(sql, params, "c.code", "c.scheme", slot);
            sql.append("))");
        }
        sql.append(" ORDER BY f.seq DESC");
        return new Query(sql.toString(), params);
    }

    private static void statuses(StringBuilder sql, List<Object> params, String column, Set<AvailabilityStatus> s) {
        if (s.isEmpty()) {
            // A status slot whose values this registry does not know (e.g. only Submitted) matches nothing:
            // the store answers empty without asking (a constant-false condition would scan the table on H2).
            throw new IllegalArgumentException("no status to select on");
        }
        sql.append(" AND ").append(column).append(" IN (").append(placeholders(s.size())).append(')');
        s.forEach(x -> params.add(x.name()));
    }

    private static void types(StringBuilder sql, List<Object> params, Set<DocumentEntryType> types) {
        sql.append(" AND d.entry_type IN (").append(placeholders(types.size())).append(')');
        types.forEach(t -> params.add(t.name()));
    }

    private static void columnCodes(StringBuilder sql, List<Object> params, String codeColumn, String schemeColumn,
                                    CodeFilter filter) {
        for (List<Code> slot : filter.allOf()) {
            sql.append(" AND (");
            appendCodes(sql, params, codeColumn, schemeColumn, slot);
            sql.append(')');
        }
    }

    private static void listedCodes(StringBuilder sql, List<Object> params, String kind, CodeFilter filter) {
        for (List<Code> slot : filter.allOf()) {
            sql.append(" AND EXISTS (SELECT 1 FROM document_entry_code c WHERE c.entry_uuid = d.entry_uuid"
                    + " AND c.kind = ? AND (");
            params.add(kind);
            appendCodes(sql, params, "c.code", "c.scheme", slot);
            sql.append("))");
        }
    }

    private static void appendCodes(StringBuilder sql, List<Object> params, String codeColumn, String schemeColumn,
                                    List<Code> codes) {
        for (int i = 0; i < codes.size(); i++) {
            Code code = codes.get(i);
            if (i > 0) {
                sql.append(" OR ");
            }
            if (code.scheme() == null) {
                sql.append(codeColumn).append(" = ?");
                params.add(code.code());
            } else {
                sql.append('(').append(codeColumn).append(" = ? AND ").append(schemeColumn).append(" = ?)");
                params.add(code.code());
                params.add(code.scheme());
            }
        }
    }

    private static void appendLikes(StringBuilder sql, List<Object> params, String column, List<String> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            if (i > 0) {
                sql.append(" OR ");
            }
            // XDS wildcards are SQL's own (% and _); the default escape character is disabled.
            sql.append(column).append(" LIKE ? ESCAPE ''");
            params.add(patterns.get(i));
        }
    }

    private static void range(StringBuilder sql, List<Object> params, String column, TimeRange range) {
        if (range.from() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            params.add(DtmTime.sortable(range.from()));
        }
        if (range.to() != null) {
            sql.append(" AND ").append(column).append(" < ?");
            params.add(DtmTime.sortable(range.to()));
        }
    }
}
