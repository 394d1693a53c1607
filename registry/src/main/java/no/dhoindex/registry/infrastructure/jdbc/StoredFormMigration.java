package no.dhoindex.registry.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;

/**
 * Schema V6: every object's JSON body ({@link LegacyJsonForm}) rewritten as {@link StoredForm} in a new
 * column {@code meta}, then {@code body} dropped; inside the migration's transaction (PostgreSQL: all or
 * nothing; H2 commits DDL as it goes, and Flyway marks a failed migration, which stops the start).
 */
public final class StoredFormMigration {

    private static final int BATCH = 500;

    private record Table(String name, Function<String, byte[]> convert) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("submission_set", json -> StoredForm.write(LegacyJsonForm.submissionSet(json))),
            new Table("document_entry", json -> StoredForm.write(LegacyJsonForm.document(json))),
            new Table("folder", json -> StoredForm.write(LegacyJsonForm.folder(json))),
            new Table("association", json -> StoredForm.write(LegacyJsonForm.association(json))));

    private StoredFormMigration() {
    }

    public static void fromJsonBodies(Connection c) throws SQLException {
        // VARBINARY stays in H2's rows (a BLOB would be a separate LOB per object); PostgreSQL's is BYTEA.
        String type = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                ? "BYTEA" : "VARBINARY(1000000)";
        for (Table table : TABLES) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table.name() + " ADD COLUMN meta " + type);
            }
            try (PreparedStatement read = c.prepareStatement("SELECT entry_uuid, body FROM " + table.name());
                 PreparedStatement write = c.prepareStatement("UPDATE " + table.name()
                         + " SET meta = ? WHERE entry_uuid = ?")) {
                read.setFetchSize(BATCH);
                int pending = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        String entryUuid = rs.getString(1);
                        byte[] meta;
                        try {
                            meta = table.convert().apply(rs.getString(2));
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
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table.name() + " ALTER COLUMN meta SET NOT NULL");
                s.execute("ALTER TABLE " + table.name() + " DROP COLUMN body");
            }
        }
    }
}
