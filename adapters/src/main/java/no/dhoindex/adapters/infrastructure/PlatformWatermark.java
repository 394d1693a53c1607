package no.dhoindex.adapters.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** How far the FHIR adapter has read its platform's changes; survives a restart. */
@ApplicationScoped
public class PlatformWatermark {

    @Inject
    AdapterDatabase database;

    public Instant read() {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_updated FROM platform_watermark WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getTimestamp(1).toInstant() : Instant.EPOCH;
        } catch (SQLException e) {
            throw new IllegalStateException("Watermark read failed", e);
        }
    }

    public void write(Instant lastUpdated) {
        try (Connection c = database.dataSource().getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE platform_watermark SET last_updated = ? WHERE id = 1")) {
                update.setTimestamp(1, Timestamp.from(lastUpdated));
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO platform_watermark (id, last_updated) VALUES (1, ?)")) {
                insert.setTimestamp(1, Timestamp.from(lastUpdated));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Watermark write failed", e);
        }
    }
}
