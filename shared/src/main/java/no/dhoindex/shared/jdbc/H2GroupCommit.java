package no.dhoindex.shared.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Makes an embedded H2 database's commits durable in groups: a committer waits until its commit is written to the
 * file and forced to disk, and one write covers every commit made while the previous write ran.
 *
 * <p>Why not H2's own {@code WRITE_DELAY=0}: it writes one chunk per commit in the committing thread and then runs
 * no background writer, and only that writer reclaims superseded chunks, so the file grew to about ten times
 * PostgreSQL's size under sustained registration (29 GB at 1M entries). With a short write delay H2's writer runs
 * and keeps the file compact; this class adds what the delay takes away, an acknowledgement only after the write.
 * The first committer to find no write running performs it ({@link MVStore#commit()} then {@link MVStore#sync()})
 * for all committers waiting by then; the others wait for it. The {@code sync} also makes a commit survive a power
 * loss, not only the JVM's death, which is what allows H2 to reuse freed space early ({@code RETENTION_TIME}, see
 * {@link ManagedDatabase}).
 *
 * <p>Uses H2's internal API (the session behind a JDBC connection) as {@code H2Compaction} does.
 */
final class H2GroupCommit {

    private final Object lock = new Object();
    private long requested;
    private long written;
    private boolean writing;
    private long writes;

    /**
     * Returns once everything {@code connection} committed before this call is written and forced to disk.
     *
     * @throws SQLException when the write fails or the wait is interrupted: the commit must then not be acknowledged
     */
    void awaitDurable(Connection connection) throws SQLException {
        MVStore store = store(connection);
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        while (true) {
            long upTo;
            synchronized (lock) {
                while (writing && written < ticket) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted before the commit was written to disk", e);
                    }
                }
                if (written >= ticket) {
                    return;
                }
                writing = true;
                upTo = requested;
            }
            boolean done = false;
            try {
                store.commit();
                store.sync();
                done = true;
            } catch (MVStoreException e) {
                throw new SQLException("the commit could not be written to disk", e);
            } finally {
                synchronized (lock) {
                    writing = false;
                    if (done) {
                        written = Math.max(written, upTo);
                        writes++;
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    /** How many group writes ran (tests: fewer than commits when committers overlap). */
    long writes() {
        synchronized (lock) {
            return writes;
        }
    }

    static MVStore store(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
