package no.dhoindex.registry.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Schema V6: every object's JSON body ({@link LegacyJsonForm}) rewritten as {@link StoredForm} in a new
 * column {@code meta}, then {@code body} dropped; schemas V8 and V9: rows of earlier stored forms rewritten in the
 * current one (V8: HL7 v2 values as parts, V9: the source patient's PID fields as parts); inside the migration's transaction (PostgreSQL: all or
 * nothing; H2 commits DDL as it goes, and Flyway marks a failed migration, which stops the start).
 */
public final class StoredFormMigration {

    private static final int BATCH = 500;

    private record Table<T>(String name, Function<T, byte[]> convert) {
    }

    private static final List<Table<String>> TABLES = List.of(
            new Table<String>("submission_set", json -> StoredForm.write(LegacyJsonForm.submissionSet(json))),
            new Table<String>("document_entry", json -> StoredForm.write(LegacyJsonForm.document(json))),
            new Table<String>("folder", json -> StoredForm.write(LegacyJsonForm.folder(json))),
            new Table<String>("association", json -> StoredForm.write(LegacyJsonForm.association(json))));

    /** An earlier stored form to the current one, per table: read (parsing its HL7 v2 strings once) and written again. */
    private static final List<Table<byte[]>> EARLIER_FORM_TABLES = List.of(
            new Table<byte[]>("submission_set", v1 -> StoredForm.write(StoredForm.submissionSet(v1))),
            new Table<byte[]>("document_entry", v1 -> StoredForm.write(StoredForm.document(v1))),
            new Table<byte[]>("folder", v1 -> StoredForm.write(StoredForm.folder(v1))),
            new Table<byte[]>("association", v1 -> StoredForm.write(StoredForm.association(v1))));

    private StoredFormMigration() {
    }

    /**
     * Schemas V8 and V9: every row still in an earlier stored form (1: HL7 v2 values as strings, 2: the source
     * patient's PID fields as strings) rewritten in the current one, so that no query ever parses HL7 v2 again; rows
     * already in the current form (V6 writes it) are left as they are.
     */
    public static void toCurrentForm(Connection c) throws SQLException {
        for (Table<byte[]> table : EARLIER_FORM_TABLES) {
            rewrite(c, table, "meta", rs -> rs.getBytes(2),
                    stored -> stored.length > 0 && stored[0] == StoredForm.VERSION);
        }
    }

    public static void fromJsonBodies(Connection c) throws SQLException {
        // VARBINARY stays in H2's rows (a BLOB would be a separate LOB per object); PostgreSQL's is BYTEA.
        String type = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                ? "BYTEA" : "VARBINARY(1000000)";
        for (Table<String> table : TABLES) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table.name() + " ADD COLUMN meta " + type);
            }
            rewrite(c, table, "body", rs -> rs.getString(2), json -> false);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table.name() + " ALTER COLUMN meta SET NOT NULL");
                s.execute("ALTER TABLE " + table.name() + " DROP COLUMN body");
            }
        }
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Every row's {@code meta} written from its {@code from} column, in batches; rows {@code done} are left alone. */
    private static <T> void rewrite(Connection c, Table<T> table, String from, Column<T> column, Predicate<T> done)
            throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT entry_uuid, " + from + " FROM " + table.name());
             PreparedStatement write = c.prepareStatement("UPDATE " + table.name()
                     + " SET meta = ? WHERE entry_uuid = ?")) {
            read.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    T stored = column.read(rs);
                    if (done.test(stored)) {
                        continue;
                    }
                    String entryUuid = rs.getString(1);
                    byte[] meta;
                    try {
                        meta = table.convert().apply(stored);
                    } catch (RuntimeException e) {
                        throw new SQLException("Stored metadata of " + table.name() + " " + entryUuid
                                + " could not be read: " + e.getMessage(), e);
                    }
                    write.setBytes(1, meta);
                    write.setString(2, entryUuid);
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}
