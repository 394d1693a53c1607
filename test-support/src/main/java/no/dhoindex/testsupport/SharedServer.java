package no.dhoindex.testsupport;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Servers started once per test JVM (one Failsafe run of a module) and stopped when it ends,
 * so that the ~20 s Payara start is paid once, not per test class.
 */
public final class SharedServer {

    private static final Map<String, Object> STARTED = new ConcurrentHashMap<>();
    private static final Map<String, RuntimeException> FAILED = new ConcurrentHashMap<>();

    private SharedServer() {
    }

    @SuppressWarnings("unchecked")
    public static synchronized <T extends AutoCloseable> T get(String name, Callable<T> starter) {
        RuntimeException failure = FAILED.get(name);
        if (failure != null) {
            throw failure;
        }
        Object existing = STARTED.get(name);
        if (existing != null) {
            return (T) existing;
        }
        try {
            T server = starter.call();
            STARTED.put(name, server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("Could not stop " + name + ": " + e);
                }
            }, "stop-" + name));
            return server;
        } catch (Exception e) {
            RuntimeException wrapped = new IllegalStateException("Could not start " + name + ": " + e.getMessage(), e);
            FAILED.put(name, wrapped);
            throw wrapped;
        }
    }
}
