package no.dhoindex.registry.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Moves the access records an embedded registry kept in its own H2 file (before the access log had a file of its
 * own, {@link RegistryDatabase}) into the access log's file, once, when the registry opens: a patient's log must
 * still show them. Each record keeps its id. The records are committed in the access log before they are deleted
 * from the registry, and a record already there (a move interrupted after that commit) is not copied again, so a
 * crash at any point loses none and doubles none.
 */
final class AccessLogMove {

    private static final Logger LOG = Logger.getLogger(AccessLogMove.class.getName());
    private static final String COLUMNS = "id, recorded, patient_id, patient_authority, practitioner_pid,"
            + " practitioner_hpr, practitioner_name, organisation, client_id, purpose_of_use, action, outcome, reason,"
            + " correlation_id, emergency, practitioner_role";

    private AccessLogMove() {
    }

    /** Answers how many records were moved. */
    static int move(DataSource registry, DataSource accessLog) {
        try (Connection from = registry.getConnection(); Connection to = accessLog.getConnection()) {
            int moved = 0;
            long last = 0;
            to.setAutoCommit(false);
            try (Statement select = from.createStatement();
                 ResultSet rs = select.executeQuery("SELECT " + COLUMNS + " FROM access_log ORDER BY id");
                 PreparedStatement merge = to.prepareStatement("MERGE INTO access_log (" + COLUMNS + ") KEY (id)"
                         + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ResultSetMetaData columns = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        merge.setObject(i, rs.getObject(i));
                    }
                    merge.addBatch();
                    last = rs.getLong(1);
                    if (++moved % 1000 == 0) {
                        merge.executeBatch();
                    }
                }
                merge.executeBatch();
            }
            if (moved == 0) {
                return 0;
            }
            try (Statement s = to.createStatement(); ResultSet max = s.executeQuery("SELECT MAX(id) FROM access_log")) {
                max.next();
                // Records given their ids explicitly leave the identity where it was: new ones start after them.
                s.execute("ALTER TABLE access_log ALTER COLUMN id RESTART WITH " + (max.getLong(1) + 1));
            }
            to.commit();
            try (PreparedStatement delete = from.prepareStatement("DELETE FROM access_log WHERE id <= ?")) {
                delete.setLong(1, last);
                delete.executeUpdate();
            }
            int count = moved;
            LOG.info(() -> "event=access-log-moved records=" + count);
            return moved;
        } catch (SQLException e) {
            throw new IllegalStateException("The registry's access records could not be moved to the access log's"
                    + " own database", e);
        }
    }
}
