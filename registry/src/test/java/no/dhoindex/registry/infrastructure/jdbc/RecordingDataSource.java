package no.dhoindex.registry.infrastructure.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that notes every statement prepared through it with the parameters it was executed with
 * (the first execution of each distinct SQL text): the statements a DAO issues, collected as it runs. It also counts
 * what reaches the database: connections taken, round trips (an execution, a batch's execution, a commit or rollback)
 * and statements executed (a batch counts its rows, as the driver sends them without rewriting).
 */
final class RecordingDataSource {

    /** What a piece of work cost in connections, round trips and statements (see {@link #counts}). */
    record Counts(int connections, int roundTrips, int statements) {
    }

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final AtomicInteger statements = new AtomicInteger();

    Counts counts() {
        return new Counts(connections.get(), roundTrips.get(), statements.get());
    }

    /** A statement as issued: its SQL and its parameters by position (1-based order). */
    record Issued(String sql, List<Object> params) {
    }

    private final Map<String, Issued> issued = new LinkedHashMap<>();

    List<Issued> issued() {
        synchronized (issued) {
            return new ArrayList<>(issued.values());
        }
    }

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args) -> {
            Object result = method.invoke(target, args);
            if ("getConnection".equals(method.getName())) {
                connections.incrementAndGet();
                return connection((Connection) result);
            }
            return result;
        });
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args) -> {
            if ("commit".equals(method.getName()) || "rollback".equals(method.getName()) && args == null) {
                roundTrips.incrementAndGet();
            }
            Object result = method.invoke(target, args);
            if ("prepareStatement".equals(method.getName())) {
                return statement((PreparedStatement) result, (String) args[0]);
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement target, String sql) {
        Map<Integer, Object> params = new TreeMap<>();
        int[] batched = {0};
        return proxy(PreparedStatement.class, target, (method, args) -> {
            String name = method.getName();
            if ("addBatch".equals(name)) {
                batched[0]++;
            } else if ("executeBatch".equals(name)) {
                if (batched[0] > 0) { // an empty batch is not sent
                    roundTrips.incrementAndGet();
                    statements.addAndGet(batched[0]);
                }
                batched[0] = 0;
            } else if (name.startsWith("execute") && (args == null || args.length == 0)) {
                roundTrips.incrementAndGet();
                statements.incrementAndGet();
            }
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                params.put(index, "setNull".equals(name) ? null : args[1]);
            } else if (name.startsWith("execute") && (args == null || args.length == 0) || "addBatch".equals(name)) {
                synchronized (issued) {
                    issued.putIfAbsent(sql, new Issued(sql, new ArrayList<>(params.values())));
                }
            }
            return method.invoke(target, args);
        });
    }

    @FunctionalInterface
    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        return (T) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    try {
                        return call.invoke(method, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
