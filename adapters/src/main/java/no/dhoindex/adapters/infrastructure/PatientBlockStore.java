package no.dhoindex.adapters.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.dhoindex.adapters.sharing.BlockedRecipient;
import no.dhoindex.adapters.sharing.PatientBlock;
import no.dhoindex.adapters.sharing.PatientBlocks;
import no.dhoindex.shared.xds.model.PatientId;

/** The patients' blocks of this organisation's data, in its own database (table patient_block). */
@ApplicationScoped
public class PatientBlockStore implements PatientBlocks {

    /** How a block towards everyone is stored (the key cannot hold a null). */
    private static final String EVERYONE = "*";

    @Inject
    AdapterDatabase database;

    @Override
    public List<PatientBlock> of(PatientId patient) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT recipient FROM patient_block WHERE patient_id = ?")) {
            ps.setString(1, patient.toCx());
            List<PatientBlock> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String recipient = rs.getString(1);
                    result.add(new PatientBlock(patient,
                            EVERYONE.equals(recipient) ? null : BlockedRecipient.parse(recipient)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Patient block look-up failed", e);
        }
    }

    @Override
    public boolean add(PatientBlock block) {
        try {
            return update("INSERT INTO patient_block (patient_id, recipient, blocked_at) VALUES (?, ?, ?)", block,
                    Timestamp.from(Instant.now())) == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("The patient block could not be stored", e);
        }
    }

    @Override
    public boolean lift(PatientBlock block) {
        try {
            return update("DELETE FROM patient_block WHERE patient_id = ? AND recipient = ?", block) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("The patient block could not be lifted", e);
        }
    }

    /** Runs {@code sql} with the block's patient and recipient, then {@code more}, as parameters. */
    private int update(String sql, PatientBlock block, Object... more) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, block.patient().toCx());
            ps.setString(2, key(block.recipient()));
            for (int i = 0; i < more.length; i++) {
                ps.setObject(3 + i, more[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static String key(BlockedRecipient recipient) {
        return recipient == null ? EVERYONE : recipient.toString();
    }
}
