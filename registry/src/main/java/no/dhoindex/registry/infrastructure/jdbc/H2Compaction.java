package no.dhoindex.registry.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Compacts an H2 file database (its MVStore) while the registry runs. With durable commits ({@code WRITE_DELAY=0},
 * see {@code ManagedDatabase}) H2 writes a new chunk at every commit and runs no background writer, and only that
 * writer compacts: the file then keeps every superseded chunk (29 GB at 1M entries, nine times PostgreSQL's). So the
 * registry does the writer's housekeeping itself ({@link MVStore#compactFile}: rewrite sparse chunks, move the live
 * ones forward, truncate the file) for a bounded time at each turn, longer when nothing was committed since the last
 * turn (idle). The store is locked while it compacts: a commit meanwhile waits, hence the bound. Idle turns stop once
 * one gave nothing back (the file no smaller after it) and start again at the next commit: an idle registry otherwise
 * rewrote its live chunks for up to the idle bound at every turn, forever (a quarter of a core, measured 2026-12-03).
 *
 * <p>H2's internal API ({@code SessionLocal}, the MVStore behind it); {@code H2CompactionTest} holds it to a file
 * that shrinks.
 */
public final class H2Compaction {

    private final DataSource dataSource;
    private final Duration busy;
    private final Duration idle;
    private long lastVersion = -1;
    /** The last idle turn left the file as large as it found it, and no one has committed since. */
    private boolean nothingToGain;

    /**
     * @param busy the most one turn may lock the store for while registrations come in
     * @param idle the most one turn may take when nothing was committed since the last
     */
    public H2Compaction(DataSource dataSource, Duration busy, Duration idle) {
        this.dataSource = dataSource;
        this.busy = busy;
        this.idle = idle;
    }

    /**
     * One turn: compacts for at most the busy or the idle bound; answers the bound used, or {@link Duration#ZERO} when
     * it skipped the turn (idle, and the last idle turn gave nothing back).
     */
    public Duration compact() throws SQLException {
        return compact(false);
    }

    /** A turn with the idle bound whatever was committed (the last turn, before the file is closed). */
    public Duration compactAsIdle() throws SQLException {
        return compact(true);
    }

    private synchronized Duration compact(boolean asIdle) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = store(c);
            boolean quiet = store.getCurrentVersion() == lastVersion;
            if (!quiet) {
                nothingToGain = false;
            }
            if (quiet && nothingToGain && !asIdle) {
                return Duration.ZERO;
            }
            Duration bound = asIdle || quiet ? idle : busy;
            long sizeBefore = store.getFileStore().size();
            int retention = store.getFileStore().getRetentionTime();
            try {
                store.compactFile((int) Math.min(Integer.MAX_VALUE, bound.toMillis()));
            } finally {
                // compactFile leaves H2's retention at 0 for good (it syncs between its own steps); H2's writer then
                // reused freed space at once, ahead of the group write that forces its chunks to disk.
                store.getFileStore().setRetentionTime(retention);
            }
            nothingToGain = bound == idle && store.getFileStore().size() >= sizeBefore;
            // Compaction commits versions of its own: the next turn is idle if no one else committed.
            lastVersion = store.getCurrentVersion();
            return bound;
        }
    }

    static MVStore store(Connection c) throws SQLException {
        SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
