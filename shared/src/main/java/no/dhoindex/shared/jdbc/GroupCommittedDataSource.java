package no.dhoindex.shared.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An embedded H2 database's connections whose every commit returns only once it is durable ({@link H2GroupCommit}):
 * {@code commit()}, {@code setAutoCommit(true)} ending a transaction, and each statement executed in auto-commit
 * mode (a read with {@code executeQuery} writes nothing and does not wait). The code using the database is unchanged:
 * it sees plain JDBC.
 */
final class GroupCommittedDataSource implements DataSource {

    private final DataSource pool;
    private final H2GroupCommit groupCommit = new H2GroupCommit();

    GroupCommittedDataSource(DataSource pool) {
        this.pool = pool;
    }

    H2GroupCommit groupCommit() {
        return groupCommit;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return committing(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return committing(pool.getConnection(username, password));
    }

    private Connection committing(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean endsTransaction = name.equals("setAutoCommit") && (Boolean) args[0] && !connection.getAutoCommit();
            Object result = call(connection, method, args);
            if (name.equals("commit") || endsTransaction) {
                groupCommit.awaitDurable(connection);
            } else if (result instanceof Statement statement) {
                return statementProxy(statement, this.connection);
            }
            return result;
        }
    }

    private Statement statementProxy(Statement statement, Connection connection) {
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object result = call(statement, method, args);
                    String name = method.getName();
                    if (name.startsWith("execute") && !name.equals("executeQuery") && connection.getAutoCommit()) {
                        groupCommit.awaitDurable(connection);
                    }
                    return result;
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
