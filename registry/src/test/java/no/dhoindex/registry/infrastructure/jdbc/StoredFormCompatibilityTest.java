package no.dhoindex.registry.infrastructure.jdbc;

import static no.dhoindex.registry.infrastructure.jdbc.StoredFormSamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dhoindex.registry.domain.OwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.access.PatientScope;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.testsupport.Postgres;
import org.junit.jupiter.api.Test;

/**
 * A registry of schema V5 (full metadata as JSON bodies, rows as that code wrote them: stored-form/v5-rows.sql)
 * migrated to the compact stored form reads back every object as it was registered, on H2 and PostgreSQL; and
 * goes on registering and updating in the new form. A registry whose rows are in stored form 1 is rewritten in
 * the current form by V8 (HL7 v2 values as parts), one whose rows are in form 2 by V9 (the source patient's PID
 * fields as parts).
 */
class StoredFormCompatibilityTest {

    @Test
    void h2() throws Exception {
        String url = TestDatabases.h2Url("stored-form");
        migrateAndRead(url, null);
    }

    @Test
    void postgres() throws Exception {
        onPostgres("i17_store_compat", schema -> migrateAndRead(Postgres.URL, schema));
    }

    @Test
    void h2VersionOneRows() throws Exception {
        earlierFormRewritten(TestDatabases.h2Url("stored-form-v1"), null, "v1", "7");
    }

    @Test
    void postgresVersionOneRows() throws Exception {
        onPostgres("i17_store_v1", schema -> earlierFormRewritten(Postgres.URL, schema, "v1", "7"));
    }

    @Test
    void h2VersionTwoRows() throws Exception {
        earlierFormRewritten(TestDatabases.h2Url("stored-form-v2"), null, "v2", "8");
    }

    @Test
    void postgresVersionTwoRows() throws Exception {
        onPostgres("i17_store_v2", schema -> earlierFormRewritten(Postgres.URL, schema, "v2", "8"));
    }

    private interface InSchema {
        void run(String schema) throws Exception;
    }

    /** In a fresh schema of the test PostgreSQL, dropped after; PostgreSQL unreachable fails the test. */
    private static void onPostgres(String prefix, InSchema test) throws Exception {
        String reason = Postgres.unreachableReason();
        org.junit.jupiter.api.Assertions.assertNull(reason, () -> "PostgreSQL (the production database) is needed: " + reason);
        String schema = Postgres.freshSchema(prefix);
        try {
            test.run(schema);
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    /**
     * A registry of schema V7 whose rows are in stored form 1 (HL7 v2 values as strings: the bytes of
     * stored-form/v1-objects.hex, as that code wrote them), or of schema V8 whose rows are in stored form 2 (the
     * source patient's PID fields as strings: v2-objects.hex), is rewritten by the migrations after it in the current
     * form, every row, and reads back every object as registered.
     */
    private static void earlierFormRewritten(String url, String schema, String form, String schemaOfForm)
            throws Exception {
        TestDatabases.migrateTo(url, schema, "5");
        try (Connection c = TestDatabases.connect(url, schema); Statement s = c.createStatement()) {
            for (String insert : fixture()) {
                s.execute(insert);
            }
        }
        TestDatabases.migrateTo(url, schema, schemaOfForm);
        List<String[]> earlier = StoredFormTest.fixture(form);
        Map<String, String> tables = Map.of("D", "document_entry", "S", "submission_set", "F", "folder",
                "A", "association");
        List<String> uuids = List.of(DISCHARGE.entryUuid(), MEASUREMENTS.entryUuid(), SET_1.entryUuid(),
                FOLDER.entryUuid(), CORRECTED_REPLACES.entryUuid(), SET_3_HAS_V2.entryUuid());
        try (Connection c = TestDatabases.connect(url, schema)) {
            for (int i = 0; i < earlier.size(); i++) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.get(earlier.get(i)[0])
                        + " SET meta = ? WHERE entry_uuid = ?")) {
                    ps.setBytes(1, StoredFormTest.bytes(earlier.get(i)));
                    ps.setString(2, uuids.get(i));
                    assertEquals(1, ps.executeUpdate(), uuids.get(i));
                }
            }
        }
        RegistryDatabase db = TestDatabases.open(url, schema);
        try {
            try (Connection c = db.dataSource().getConnection()) {
                for (String table : tables.values()) {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT meta FROM " + table)) {
                        while (rs.next()) {
                            assertEquals(StoredForm.VERSION, rs.getBytes(1)[0],
                                    "every row of " + table + " in form " + StoredForm.VERSION);
                        }
                    }
                }
            }
            readsWhatWasRegistered(new JdbcPointerStore(db));
        } finally {
            db.close();
        }
    }

    private static void migrateAndRead(String url, String schema) throws Exception {
        TestDatabases.migrateTo(url, schema, "5");
        try (Connection c = TestDatabases.connect(url, schema); Statement s = c.createStatement()) {
            for (String insert : fixture()) {
                s.execute(insert);
            }
        }
        RegistryDatabase db = TestDatabases.open(url, schema);
        try {
            try (Connection c = db.dataSource().getConnection()) {
                assertFalse(hasColumn(c, "document_entry", "body"), "the JSON bodies are gone");
                assertTrue(hasColumn(c, "document_entry", "meta"));
            }
            JdbcPointerStore store = new JdbcPointerStore(db);
            readsWhatWasRegistered(store);

            JdbcOwnPointers own = new JdbcOwnPointers();
            own.database = db;
            OwnPointers.SubmissionSetHeld held = own.submissionSet(Registrant.UNCHECKED, SET_1.uniqueId()).orElseThrow();
            OwnPointers.DocumentHeld discharge = held.documents().stream()
                    .filter(d -> d.entryUuid().equals(DISCHARGE.entryUuid())).findFirst().orElseThrow();
            assertEquals(4_294_967_396L, discharge.size());
            assertEquals(DISCHARGE.location().hash(), discharge.hash());

            // After the migration the registry goes on in the new form: a registration, then the same reads.
            store.apply(otherPatient2());
            assertEquals(List.of(OTHER_DOCUMENT_2), store.documentsByUuid(PatientScope.of(OTHER),
                    List.of(OTHER_DOCUMENT_2.entryUuid())));
            readsWhatWasRegistered(store);
        } finally {
            db.close();
        }
    }

    private static void readsWhatWasRegistered(JdbcPointerStore store) {
        PatientScope patient = PatientScope.of(PATIENT);
        // Statuses as they are now: the replaced and the superseded versions are deprecated.
        assertEquals(List.of(DISCHARGE.withStatus(AvailabilityStatus.DEPRECATED),
                        MEASUREMENTS.withStatus(AvailabilityStatus.DEPRECATED), CORRECTED, MEASUREMENTS_V2),
                store.documentsByUuid(patient, List.of(DISCHARGE.entryUuid(), MEASUREMENTS.entryUuid(),
                        CORRECTED.entryUuid(), MEASUREMENTS_V2.entryUuid(), OTHER_DOCUMENT.entryUuid())));
        DocumentPointer discharge = store.documentsByUniqueId(patient, List.of(DISCHARGE.uniqueId())).get(0);
        assertEquals(List.of("urn:no:dhoindex:zeta", "urn:no:dhoindex:alpha"),
                List.copyOf(discharge.extraMetadata().keySet()), "extra slots keep their order");
        assertEquals(List.of(SET_1, SET_2, SET_3), store.submissionSetsByUuid(patient,
                List.of(SET_1.entryUuid(), SET_2.entryUuid(), SET_3.entryUuid(), OTHER_SET.entryUuid())));
        assertEquals(List.of(FOLDER.withLastUpdateTime(FOLDER_TOUCHED)),
                store.foldersByUuid(patient, List.of(FOLDER.entryUuid())));
        assertEquals(List.of(SET_HAS_DISCHARGE, SET_HAS_MEASUREMENTS, SET_HAS_FOLDER, FOLDER_HAS_DISCHARGE,
                        SET_HAS_FOLDER_MEMBERSHIP, SET_2_HAS_CORRECTED, CORRECTED_REPLACES, FOLDER_HAS_CORRECTED,
                        SET_2_HAS_FOLDER_MEMBERSHIP, SET_3_HAS_V2),
                store.associationsByUuid(patient, List.of(SET_HAS_DISCHARGE.entryUuid(),
                        SET_HAS_MEASUREMENTS.entryUuid(), SET_HAS_FOLDER.entryUuid(), FOLDER_HAS_DISCHARGE.entryUuid(),
                        SET_HAS_FOLDER_MEMBERSHIP.entryUuid(), SET_2_HAS_CORRECTED.entryUuid(),
                        CORRECTED_REPLACES.entryUuid(), FOLDER_HAS_CORRECTED.entryUuid(),
                        SET_2_HAS_FOLDER_MEMBERSHIP.entryUuid(), SET_3_HAS_V2.entryUuid(), OTHER_HAS.entryUuid())));
        // FindDocuments: the latest approved versions, newest first; the other patient's never.
        DocumentFilter approved = DocumentFilter.approved(Set.of(DocumentEntryType.STABLE, DocumentEntryType.ON_DEMAND),
                CodeFilter.ANY);
        assertEquals(List.of(MEASUREMENTS_V2, CORRECTED), store.findDocuments(PATIENT, approved, 100));
        assertEquals(List.of(OTHER_DOCUMENT), store.documentsByUuid(PatientScope.of(OTHER),
                List.of(OTHER_DOCUMENT.entryUuid(), DISCHARGE.entryUuid())));
    }

    private static final DocumentPointer OTHER_DOCUMENT_2 = OTHER_DOCUMENT.withId(
            new no.dhoindex.shared.xds.model.RegistryObjectId("urn:uuid:d0000000-0000-4000-8000-000000000010",
                    HOSPITAL + ".4.10", "urn:uuid:d0000000-0000-4000-8000-000000000010", "1", null));

    private static no.dhoindex.registry.domain.RegistrationPlan otherPatient2() {
        var set = new no.dhoindex.shared.xds.model.SubmissionSet(new no.dhoindex.shared.xds.model.RegistryObjectId(
                "urn:uuid:a0000000-0000-4000-8000-000000000010", HOSPITAL + ".3.10", null, null, null),
                AvailabilityStatus.APPROVED, OTHER, HOSPITAL, "20261202110000", null, List.of(), List.of(), null,
                null, java.util.Map.of());
        var member = new no.dhoindex.shared.xds.model.Association("urn:uuid:e0000000-0000-4000-8000-0000000000c2",
                no.dhoindex.shared.xds.model.AssociationType.HAS_MEMBER, set.entryUuid(), OTHER_DOCUMENT_2.entryUuid(),
                AvailabilityStatus.APPROVED, "Original", null, java.util.Map.of(), null);
        return new no.dhoindex.registry.domain.RegistrationPlan(set, List.of(OTHER_DOCUMENT_2), List.of(),
                List.of(member), List.of(), java.util.Map.of());
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), null, null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)
                        && rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> fixture() throws IOException {
        try (InputStream in = StoredFormCompatibilityTest.class.getResourceAsStream("/stored-form/v5-rows.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("INSERT")).map(l -> l.substring(0, l.length() - 1)).toList();
        }
    }
}
