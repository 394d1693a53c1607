package no.dhoindex.registry.infrastructure.jdbc;

import static no.dhoindex.registry.infrastructure.jdbc.StoredFormSamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import no.dhoindex.registry.domain.OwnPointers;
import no.dhoindex.registry.domain.PatientDirectory;
import no.dhoindex.registry.domain.PointerStore;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.domain.RegistrationPlan;
import no.dhoindex.registry.domain.RemovableMetadata;
import no.dhoindex.registry.domain.StoredObject;
import no.dhoindex.registry.domain.UpdatePlan;
import no.dhoindex.shared.access.AccessLogStore;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.TimeRange;
import no.dhoindex.shared.xds.registry.StoredQueryEngine;
import no.dhoindex.testsupport.Postgres;
import org.junit.jupiter.api.Test;

/**
 * Plans that hold: every statement the registry's stores issue (collected while a workload calls every method
 * of PointerStore, RemovableMetadata, OwnPointers, PatientDirectory and the access log; a method not called
 * fails the test) is EXPLAINed on empty tables and on filled ones, never ANALYZEd (PostgreSQL: autovacuum off on
 * every table), as a custom plan with its parameters and as the generic plan a prepared statement caches. A
 * sequential scan (H2: a table scan) of any of the registry's tables, all of which are indexed for the way they
 * are read, fails the test with the statement and its plan.
 */
class QueryPlanTest {

    private static final int FILL_SETS = 1000;
    private static final int DOCUMENTS_PER_SET = 10;

    @Test
    void postgres() throws Exception {
        String reason = Postgres.unreachableReason();
        assertNull(reason, () -> "PostgreSQL (the production database) is needed for the plan check: " + reason);
        String recording = Postgres.freshSchema("i17_store_plans_rec");
        String checked = Postgres.freshSchema("i17_store_plans");
        try {
            List<RecordingDataSource.Issued> statements = issuedStatements(Postgres.URL, recording);
            RegistryDatabase db = TestDatabases.open(Postgres.URL, checked);
            try (Connection c = db.dataSource().getConnection()) {
                noAutovacuum(c, checked);
                List<String> failures = new ArrayList<>();
                Set<String> used = new TreeSet<>();
                explainAll(c, statements, "empty", failures, used);
                fill(db);
                explainAll(c, statements, "filled", failures, used);
                requireNeverAnalyzed(c, checked);
                assertEquals("", String.join("\n\n", failures));
                Set<String> unused = new TreeSet<>(plainIndexes(c, checked));
                unused.removeAll(used);
                // Each index costs every insert of its table (issue 17): one that no plan reads by is only cost.
                assertEquals(Set.of(), unused, "indexes no statement's plan reads by");
            } finally {
                db.close();
            }
        } finally {
            Postgres.dropSchema(recording);
            Postgres.dropSchema(checked);
        }
    }

    @Test
    void h2() throws Exception {
        List<RecordingDataSource.Issued> statements = issuedStatements(TestDatabases.h2Url("plans-rec"), null);
        RegistryDatabase db = TestDatabases.open(TestDatabases.h2Url("plans"), null);
        try (Connection c = db.dataSource().getConnection()) {
            List<String> failures = new ArrayList<>();
            explainAll(c, statements, "empty", failures, new TreeSet<>());
            fill(db);
            explainAll(c, statements, "filled", failures, new TreeSet<>());
            assertEquals("", String.join("\n\n", failures));
        } finally {
            db.close();
        }
    }

    // ---- the statements, as the stores issue them ---------------------------------------------

    private static List<RecordingDataSource.Issued> issuedStatements(String url, String schema) throws Exception {
        RegistryDatabase real = TestDatabases.open(url, schema);
        try {
            RecordingDataSource recorder = new RecordingDataSource();
            DataSource recorded = recorder.wrap(real.dataSource());
            RegistryDatabase db = new RegistryDatabase() {
                @Override
                public DataSource dataSource() {
                    return recorded;
                }
            };
            Set<String> called = new TreeSet<>();
            PointerStore store = covered(PointerStore.class, new JdbcPointerStore(db), called);
            JdbcOwnPointers ownImpl = new JdbcOwnPointers();
            ownImpl.database = db;
            OwnPointers own = covered(OwnPointers.class, ownImpl, called);
            RemovableMetadata removable = covered(RemovableMetadata.class, new JdbcRemovableMetadata(db), called);
            PatientDirectory patients = covered(PatientDirectory.class, new JdbcPatientDirectory(db), called);
            AccessLogStore log = new AccessLogStore(recorded);

            workload(store, own, removable, patients, log);
            called.add("AccessLogStore.record");
            called.add("AccessLogStore.forPatient");

            Set<String> all = new TreeSet<>();
            for (Class<?> type : List.of(PointerStore.class, OwnPointers.class, RemovableMetadata.class,
                    PatientDirectory.class)) {
                // Default methods too: an implementation may override one with SQL of its own (foldersByLogicalId).
                for (Method m : type.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers())) {
                        all.add(type.getSimpleName() + "." + m.getName());
                    }
                }
            }
            for (Method m : AccessLogStore.class.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                    all.add("AccessLogStore." + m.getName());
                }
            }
            all.removeAll(called);
            assertEquals(Set.of(), all, "store methods the plan check does not call (add them to the workload)");
            List<RecordingDataSource.Issued> statements = recorder.issued();
            assertTrue(statements.size() > 40, "statements collected: " + statements.size());
            requireEveryStatementOfPointerSql(statements);
            return statements;
        } finally {
            real.close();
        }
    }

    /**
     * Each statement {@link PointerSql} holds (registration's inserts, replacements, supersessions, status changes,
     * folder touches, and the selections the reads start from) was issued by the workload: a statement added there
     * and not reached here fails the check rather than go unexplained.
     */
    private static void requireEveryStatementOfPointerSql(List<RecordingDataSource.Issued> statements)
            throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        for (java.lang.reflect.Field f : PointerSql.class.getDeclaredFields()) {
            if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                String sql = (String) f.get(null);
                if (statements.stream().noneMatch(s -> s.sql().startsWith(sql))) {
                    missing.add(f.getName() + ": " + sql);
                }
            }
        }
        assertEquals(List.of(), missing, "statements of PointerSql the workload does not issue");
    }

    /**
     * Every store method, with every filter the SQL builders know, for a caller bound to a patient and, where the
     * SQL differs, for the unchecked caller and registrant of a registry with its checks off (benchmarks).
     */
    private static void workload(PointerStore store, OwnPointers own, RemovableMetadata removable,
                                 PatientDirectory patients, AccessLogStore log) {
        patients.register(OTHER);
        patients.isKnown(OTHER);
        RegistrationPlan first = first();
        List<String> firstIds = new ArrayList<>(List.of(SET_1.entryUuid(), DISCHARGE.entryUuid(),
                MEASUREMENTS.entryUuid(), FOLDER.entryUuid()));
        first.associations().forEach(a -> firstIds.add(a.entryUuid()));
        store.existingUuids(firstIds);
        store.registeredSetAndFolderUniqueIds(List.of(SET_1.uniqueId(), FOLDER.uniqueId()));
        store.clashes(firstIds, List.of(DISCHARGE.uniqueId(), MEASUREMENTS.uniqueId()),
                List.of(SET_1.uniqueId(), FOLDER.uniqueId()));
        store.apply(first);
        store.apply(replacement());
        store.apply(update());
        store.apply(otherPatient());

        Folder folderV2 = new Folder(new RegistryObjectId("urn:uuid:f0000000-0000-4000-8000-000000000002",
                FOLDER.uniqueId(), FOLDER.entryUuid(), "2", null), AvailabilityStatus.APPROVED, PATIENT, FOLDER.codes(),
                "20261202120000", FOLDER.title(), null, Map.of());
        store.latestFoldersAcrossPatientsByLogicalId(List.of(FOLDER.entryUuid()));
        store.latestDocumentsAcrossPatientsByLogicalId(List.of(MEASUREMENTS.entryUuid()));
        store.apply(new UpdatePlan(new RegistrationPlan(set(4), List.of(), List.of(folderV2),
                List.of(member("d1", set(4).entryUuid(), folderV2.entryUuid())), List.of(), Map.of()),
                List.of(), List.of(FOLDER.entryUuid()), List.of()));
        store.apply(new UpdatePlan(new RegistrationPlan(set(5), List.of(), List.of(), List.of(), List.of(), Map.of()),
                List.of(), List.of(), List.of(
                        new UpdatePlan.StatusChange(UpdatePlan.Kind.DOCUMENT, CORRECTED.entryUuid(),
                                AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED),
                        new UpdatePlan.StatusChange(UpdatePlan.Kind.FOLDER, folderV2.entryUuid(),
                                AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED),
                        new UpdatePlan.StatusChange(UpdatePlan.Kind.ASSOCIATION, SET_HAS_DISCHARGE.entryUuid(),
                                AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED))));

        PatientScope scope = PatientScope.of(PATIENT);
        // Checks off (dho.registry.xua=off): no patient condition, so other statements.
        PatientScope unchecked = Caller.unchecked("the plan check").patients();
        List<String> documents = List.of(DISCHARGE.entryUuid(), CORRECTED.entryUuid());
        for (PatientScope s : List.of(scope, unchecked)) {
            store.documentsByUuid(s, documents);
            store.documentsByUniqueId(s, List.of(DISCHARGE.uniqueId()));
            store.documentsByLogicalId(s, List.of(MEASUREMENTS.entryUuid()));
            store.submissionSetsByUuid(s, List.of(SET_1.entryUuid()));
            store.submissionSetsByUniqueId(s, List.of(SET_1.uniqueId()));
            store.foldersByUuid(s, List.of(FOLDER.entryUuid()));
            store.foldersByUniqueId(s, List.of(FOLDER.uniqueId()));
            store.foldersByLogicalId(s, List.of(FOLDER.entryUuid()));
            store.associationsByUuid(s, List.of(SET_HAS_DISCHARGE.entryUuid()));
            store.associationsTouching(s, documents);
        }
        store.documentsAcrossPatientsByUuid(documents);
        store.documentsAcrossPatientsByUniqueId(List.of(DISCHARGE.uniqueId()));
        store.foldersAcrossPatientsByUuid(List.of(FOLDER.entryUuid()));
        store.associationsAcrossPatientsByUuid(List.of(SET_HAS_DISCHARGE.entryUuid()));
        store.submissionSetsOfPatient(PATIENT, 100);
        store.foldersOfPatient(PATIENT, 100);

        Code klass = DISCHARGE.codes().classCode();
        CodeFilter withScheme = CodeFilter.anyOf(List.of(klass));
        CodeFilter withoutScheme = CodeFilter.anyOf(List.of(new Code(klass.code(), null, null), klass));
        TimeRange range = new TimeRange("20260101", "20270101");
        store.findDocuments(PATIENT, new DocumentFilter(Set.of(AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED),
                Set.of(DocumentEntryType.STABLE, DocumentEntryType.ON_DEMAND), withScheme, withoutScheme, withScheme,
                withScheme, withScheme, withoutScheme, withScheme, range, range, range, List.of("%Lege%"),
                List.of(DISCHARGE.referenceIds().get(0).toCx()), true), 100);
        store.findDocuments(PATIENT, DocumentFilter.approved(Set.of(DocumentEntryType.STABLE), CodeFilter.ANY), 100);
        store.findDocuments(PATIENT, DocumentFilter.approved(Set.of(DocumentEntryType.STABLE), withScheme), 100);
        store.findDocuments(PATIENT, DocumentFilter.contents(Set.of(), Set.of(), CodeFilter.ANY, CodeFilter.ANY), 100);
        store.findSubmissionSets(new StoredQuery.FindSubmissionSets(PATIENT, Set.of(AvailabilityStatus.APPROVED),
                List.of(HOSPITAL), range, "%Lege%", CodeFilter.anyOf(List.of(SET_1.contentTypeCode()))), 100);
        store.findSubmissionSets(new StoredQuery.FindSubmissionSets(PATIENT, Set.of(AvailabilityStatus.APPROVED),
                List.of(), TimeRange.ANY, null, CodeFilter.ANY), 100);
        store.findFolders(new StoredQuery.FindFolders(PATIENT, Set.of(AvailabilityStatus.APPROVED), range,
                CodeFilter.anyOf(FOLDER.codes()), true), 100);
        store.findFolders(new StoredQuery.FindFolders(PATIENT, Set.of(AvailabilityStatus.APPROVED), TimeRange.ANY,
                CodeFilter.ANY), 100);

        everyStoredQuery(store, scope);
        everyStoredQuery(store, unchecked);

        Registrant hospital = new Registrant("974633574", "sykehus-adapter", Set.of(HOSPITAL), true);
        own.submissionSet(hospital, SET_1.uniqueId());
        own.documents(hospital, PATIENT.toCx(), DISCHARGE.entryUuid(), 10);
        own.documents(hospital, null, null, 10);
        own.documents(hospital, PATIENT.toCx(), null, 10);
        own.documents(hospital, null, DISCHARGE.entryUuid(), 10);
        // Registration tokens off (dho.registry.registrations=off): no ownership condition.
        own.submissionSet(Registrant.UNCHECKED, SET_1.uniqueId());
        own.documents(Registrant.UNCHECKED, PATIENT.toCx(), null, 10);
        own.documents(Registrant.UNCHECKED, null, null, 10);
        own.deprecate(Registrant.UNCHECKED, CORRECTED.entryUuid());
        own.deprecate(hospital, MEASUREMENTS_V2.entryUuid());

        List<String> others = List.of(OTHER_SET.entryUuid(), OTHER_DOCUMENT.entryUuid(), OTHER_HAS.entryUuid());
        List<StoredObject> objects = removable.objects(others);
        removable.associations(List.of(OTHER_HAS.entryUuid()));
        removable.associationsTouching(List.of(OTHER_SET.entryUuid(), OTHER_DOCUMENT.entryUuid()));
        removable.remove(objects);

        log.record(new AccessRecord(null, Instant.now(), PATIENT, "pid", "9144900", "Anne Lege", "974633574",
                "gateway", "TREAT", "ITI-18 FindDocuments", AccessRecord.Outcome.GRANTED, null, "corr", false, "LE"));
        log.forPatient(PATIENT, 50);
    }

    /**
     * Every ITI-18 stored query the registry answers, through the engine that answers them (so with the filters and
     * selections it makes of each), by entryUUID, uniqueId and logicalID where the query takes them; a kind of stored
     * query not run here fails the check.
     */
    private static void everyStoredQuery(PointerStore store, PatientScope scope) {
        StoredQueryEngine engine = new StoredQueryEngine(store, 100, null);
        Set<DocumentEntryType> bothTypes = Set.of(DocumentEntryType.STABLE, DocumentEntryType.ON_DEMAND);
        DocumentFilter approved = DocumentFilter.approved(bothTypes, CodeFilter.ANY);
        Set<AvailabilityStatus> approvedOnly = Set.of(AvailabilityStatus.APPROVED);
        ObjectSelector documentsByUuid = ObjectSelector.byUuids(List.of(DISCHARGE.entryUuid(), CORRECTED.entryUuid()));
        ObjectSelector documentByUniqueId = new ObjectSelector(List.of(), List.of(DISCHARGE.uniqueId()));
        ObjectSelector documentByLogicalId = new ObjectSelector(List.of(), List.of(),
                List.of(MEASUREMENTS.entryUuid()));
        ObjectSelector folderByUuid = ObjectSelector.byUuids(List.of(FOLDER.entryUuid()));
        ObjectSelector folderByUniqueId = new ObjectSelector(List.of(), List.of(FOLDER.uniqueId()));
        ObjectSelector folderByLogicalId = new ObjectSelector(List.of(), List.of(), List.of(FOLDER.entryUuid()));
        ObjectSelector setByUuid = ObjectSelector.byUuids(List.of(SET_1.entryUuid()));
        ObjectSelector setByUniqueId = new ObjectSelector(List.of(), List.of(SET_1.uniqueId()));
        List<StoredQuery> queries = List.of(
                new StoredQuery.FindDocuments(PATIENT, approved),
                new StoredQuery.FindDocuments(PATIENT, new DocumentFilter(approvedOnly, bothTypes, CodeFilter.ANY,
                        CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY,
                        TimeRange.ANY, TimeRange.ANY, TimeRange.ANY, List.of(),
                        List.of(DISCHARGE.referenceIds().get(0).toCx()), false)),
                new StoredQuery.FindSubmissionSets(PATIENT, approvedOnly, List.of(), TimeRange.ANY, null,
                        CodeFilter.ANY),
                new StoredQuery.FindFolders(PATIENT, approvedOnly, TimeRange.ANY, CodeFilter.ANY),
                new StoredQuery.FindFolders(PATIENT, approvedOnly, TimeRange.ANY, CodeFilter.ANY, true),
                new StoredQuery.GetAll(PATIENT, approved, approvedOnly, approvedOnly),
                new StoredQuery.GetDocuments(documentsByUuid),
                new StoredQuery.GetDocuments(documentByUniqueId),
                new StoredQuery.GetDocuments(documentByLogicalId),
                new StoredQuery.GetFolders(folderByUuid),
                new StoredQuery.GetFolders(folderByUniqueId),
                new StoredQuery.GetFolders(folderByLogicalId),
                new StoredQuery.GetAssociations(documentsByUuid),
                new StoredQuery.GetDocumentsAndAssociations(documentsByUuid),
                new StoredQuery.GetDocumentsAndAssociations(documentByUniqueId),
                new StoredQuery.GetSubmissionSets(documentsByUuid),
                new StoredQuery.GetSubmissionSetAndContents(setByUuid, approved),
                new StoredQuery.GetSubmissionSetAndContents(setByUniqueId, approved),
                new StoredQuery.GetFolderAndContents(folderByUuid, approved),
                new StoredQuery.GetFolderAndContents(folderByUniqueId, approved, true, Set.of()),
                new StoredQuery.GetFoldersForDocument(documentsByUuid),
                new StoredQuery.GetFoldersForDocument(documentByUniqueId),
                new StoredQuery.GetRelatedDocuments(ObjectSelector.byUuids(List.of(CORRECTED.entryUuid())),
                        Set.of(AssociationType.REPLACE, AssociationType.APPEND, AssociationType.TRANSFORM,
                                AssociationType.SIGNS), bothTypes));
        Set<Class<?>> kinds = new java.util.HashSet<>();
        for (StoredQuery q : queries) {
            engine.run(q, scope);
            kinds.add(q.getClass());
        }
        assertEquals(Set.of(StoredQuery.class.getPermittedSubclasses()), kinds,
                "stored queries the plan check does not run (add them)");
    }

    private static SubmissionSet set(int n) {
        return new SubmissionSet(new RegistryObjectId("urn:uuid:a0000000-0000-4000-8000-00000000010" + n,
                HOSPITAL + ".3.10" + n, null, null, null), AvailabilityStatus.APPROVED, PATIENT, HOSPITAL,
                "20261202120000", null, List.of(), List.of(), null, null, Map.of());
    }

    private static Association member(String id, String source, String target) {
        return new Association("urn:uuid:e0000000-0000-4000-8000-0000000000" + id, AssociationType.HAS_MEMBER,
                source, target, AvailabilityStatus.APPROVED, "Original", null, Map.of(), null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T covered(Class<T> type, T target, Set<String> called) {
        return (T) Proxy.newProxyInstance(QueryPlanTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    called.add(type.getSimpleName() + "." + method.getName());
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    // ---- filling, without statistics ------------------------------------------------------------

    /** {@link #FILL_SETS} registrations of {@link #DOCUMENTS_PER_SET} entries and a folder each, over 200 patients, as the store writes them. */
    private static void fill(RegistryDatabase db) {
        JdbcPointerStore store = new JdbcPointerStore(db);
        for (int i = 0; i < FILL_SETS; i++) {
            PatientId patient = new PatientId("P" + (i % 200), "1.3.6.1.4.1.21367.13.20.1000");
            String setUuid = "urn:uuid:" + UUID.randomUUID();
            SubmissionSet set = new SubmissionSet(new RegistryObjectId(setUuid, HOSPITAL + ".3.9." + i, null, null,
                    null), AvailabilityStatus.APPROVED, patient, HOSPITAL, "20261202120000", SET_1.contentTypeCode(),
                    SET_1.authors(), List.of(), null, null, Map.of());
            List<DocumentPointer> documents = new ArrayList<>();
            List<Association> associations = new ArrayList<>();
            for (int d = 0; d < DOCUMENTS_PER_SET; d++) {
                String uuid = "urn:uuid:" + UUID.randomUUID();
                documents.add(new DocumentPointer(new RegistryObjectId(uuid, HOSPITAL + ".4.9." + i + "." + d, uuid,
                        "1", null), AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, patient, DISCHARGE.codes(),
                        DISCHARGE.provenance(), DISCHARGE.location(), DISCHARGE.title(), null,
                        DISCHARGE.referenceIds(), Map.of()));
                associations.add(new Association("urn:uuid:" + UUID.randomUUID(), AssociationType.HAS_MEMBER, setUuid,
                        uuid, AvailabilityStatus.APPROVED, "Original", null, Map.of(), null));
            }
            String folderUuid = "urn:uuid:" + UUID.randomUUID();
            Folder folder = new Folder(new RegistryObjectId(folderUuid, HOSPITAL + ".5.9." + i, folderUuid, "1", null),
                    AvailabilityStatus.APPROVED, patient, FOLDER.codes(), "20261202120000", FOLDER.title(), null,
                    Map.of());
            associations.add(new Association("urn:uuid:" + UUID.randomUUID(), AssociationType.HAS_MEMBER, setUuid,
                    folderUuid, AvailabilityStatus.APPROVED, "Original", null, Map.of(), null));
            store.apply(new RegistrationPlan(set, documents, List.of(folder), associations, List.of(), Map.of()));
        }
    }

    private static void noAutovacuum(Connection c, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, schema, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("ALTER TABLE " + schema + "." + table
                        + " SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
            }
        }
    }

    private static void requireNeverAnalyzed(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relname FROM pg_stat_user_tables WHERE schemaname = ?"
                + " AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL OR last_autovacuum IS NOT NULL)")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(!rs.next(), () -> "analysed during the check: " + safe(rs));
            }
        }
    }

    /** The schema's indexes that only serve reads: not a primary key's, not unique (those also enforce a rule). */
    private static Set<String> plainIndexes(Connection c, String schema) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT indexname FROM pg_indexes WHERE schemaname = ?"
                + " AND tablename <> 'flyway_schema_history' AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static String safe(ResultSet rs) {
        try {
            return rs.getString(1);
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    // ---- EXPLAIN --------------------------------------------------------------------------------

    private static final Pattern PG_SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");
    private static final Pattern H2_TABLE_SCAN = Pattern.compile("/\\* [\\w\"]+\\.([\\w\"]+)\\.tableScan");

    private static final Pattern PG_INDEX = Pattern.compile("Index (?:Only )?Scan (?:Backward )?using (\\w+)"
            + "|Bitmap Index Scan on (\\w+)");

    /** Explains every statement; on PostgreSQL notes in {@code used} the indexes the plans read by. */
    private static void explainAll(Connection c, List<RecordingDataSource.Issued> statements, String tables,
                                   List<String> failures, Set<String> used) throws SQLException {
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        for (RecordingDataSource.Issued s : statements) {
            if (postgres) {
                String custom = explainBound(c, s);
                String generic = explainGeneric(c, s);
                check(s, tables + ", custom plan", custom, PG_SEQ_SCAN, failures);
                check(s, tables + ", generic plan", generic, PG_SEQ_SCAN, failures);
                for (Matcher m = PG_INDEX.matcher(custom + generic); m.find(); ) {
                    used.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            } else {
                check(s, tables, explainBound(c, s), H2_TABLE_SCAN, failures);
            }
        }
    }

    private static void check(RecordingDataSource.Issued s, String when, String plan, Pattern scan,
                              List<String> failures) {
        Matcher m = scan.matcher(plan);
        if (m.find()) {
            failures.add("Table scan of " + m.group(1) + " (" + when + "):\n  " + s.sql() + "\n  params "
                    + s.params() + "\n" + plan);
        }
    }

    private static String explainBound(Connection c, RecordingDataSource.Issued s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + s.sql())) {
            for (int i = 0; i < s.params().size(); i++) {
                ps.setObject(i + 1, s.params().get(i));
            }
            return lines(ps);
        }
    }

    /** The plan PostgreSQL caches for a prepared statement once it goes generic (pgjdbc prepares after 5 uses). */
    private static String explainGeneric(Connection c, RecordingDataSource.Issued s) throws SQLException {
        StringBuilder sql = new StringBuilder();
        int n = 0;
        for (char ch : s.sql().toCharArray()) {
            sql.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
        }
        List<String> literals = new ArrayList<>();
        for (Object p : s.params()) {
            literals.add(literal(p));
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET plan_cache_mode = force_generic_plan");
            st.execute("PREPARE plan_check AS " + sql);
            // A statement without parameters is executed without the parentheses (PostgreSQL refuses "()").
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN EXECUTE plan_check"
                    + (literals.isEmpty() ? "" : "(" + String.join(", ", literals) + ")"))) {
                return lines(ps);
            } finally {
                st.execute("DEALLOCATE plan_check");
                st.execute("RESET plan_cache_mode");
            }
        }
    }

    private static String literal(Object p) {
        if (p == null) {
            return "NULL";
        }
        if (p instanceof Number || p instanceof Boolean) {
            return p.toString();
        }
        if (p instanceof byte[] b) {
            return "'\\x" + HexFormat.of().formatHex(b) + "'";
        }
        return "'" + p.toString().replace("'", "''") + "'";
    }

    private static String lines(PreparedStatement ps) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append("    ").append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

}
