package no.dhoindex.shared.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One unit of work in one database transaction: committed when it returns, rolled back when it
 * throws (a refusal it throws goes to the caller as it is; an SQL failure as {@link IllegalStateException}).
 */
public final class Transaction {

    /** Work on the transaction's connection; what it returns is the transaction's result. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private Transaction() {
    }

    /** Runs {@code work} in a transaction; {@code what} names it in the failure. */
    public static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.on(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }
}
