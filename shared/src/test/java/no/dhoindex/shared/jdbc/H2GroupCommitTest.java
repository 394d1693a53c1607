package no.dhoindex.shared.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An embedded H2 database acknowledges a commit only once it is on disk, though H2 itself writes in the background
 * every 10 ms (or 500 ms): a JVM killed right after acknowledgements loses none of them.
 */
class H2GroupCommitTest {

    @Test
    void noAcknowledgedCommitIsLostWhenTheJvmIsKilled() throws Exception {
        killedAfterAcknowledgements(ManagedDatabase.H2_WRITE_DELAY_MILLIS);
    }

    /** A database whose background writer wakes every 50 ms (the gateway's access log) is as durable. */
    @Test
    void noAcknowledgedCommitIsLostWhenTheJvmIsKilledWithTheQuietWriteDelay() throws Exception {
        killedAfterAcknowledgements(ManagedDatabase.H2_QUIET_WRITE_DELAY_MILLIS);
    }

    private static void killedAfterAcknowledgements(int writeDelayMillis) throws Exception {
        Path dir = Files.createTempDirectory("group-commit");
        Set<String> acknowledged = new HashSet<>();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Committer.class.getName(), dir.toString(),
                Integer.toString(writeDelayMillis))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged.add(line);
                if (acknowledged.size() == 2_000) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, only what is on disk
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(2_000, acknowledged.size(), "the committing JVM stopped early");
        Set<String> stored = new HashSet<>();
        try (ManagedDatabase db = open(dir); Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM acknowledged")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        acknowledged.removeAll(stored);
        assertTrue(acknowledged.isEmpty(), "acknowledged but lost: " + acknowledged);
    }

    @Test
    void concurrentCommitsAllLandWithNoMoreWritesThanCommits() throws Exception {
        Path dir = Files.createTempDirectory("group-commit");
        try (ManagedDatabase db = open(dir)) {
            GroupCommittedDataSource dataSource = (GroupCommittedDataSource) db.dataSource();
            createTable(db);
            AtomicInteger next = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                var done = new java.util.ArrayList<Future<?>>();
                for (int t = 0; t < 8; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            int n = next.incrementAndGet();
                            Transaction.run(dataSource, "insert", c -> insert(c, "t" + n));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdown();
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM acknowledged")) {
                rs.next();
                assertEquals(800, rs.getInt(1));
            }
            assertTrue(dataSource.groupCommit().writes() <= 800, "one write per commit at most");
        }
    }

    @Test
    void anAutoCommitWriteWaitsForAWriteAndAReadDoesNot() throws Exception {
        Path dir = Files.createTempDirectory("group-commit");
        try (ManagedDatabase db = open(dir)) {
            GroupCommittedDataSource dataSource = (GroupCommittedDataSource) db.dataSource();
            createTable(db);
            long before = dataSource.groupCommit().writes();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM acknowledged")) {
                assertTrue(rs.next());
            }
            assertEquals(before, dataSource.groupCommit().writes());
            try (Connection c = dataSource.getConnection()) {
                insert(c, "auto");
            }
            assertEquals(before + 1, dataSource.groupCommit().writes());
        }
    }

    static ManagedDatabase open(Path dir) {
        return open(dir, ManagedDatabase.H2_WRITE_DELAY_MILLIS);
    }

    static ManagedDatabase open(Path dir, int writeDelayMillis) {
        return ManagedDatabase.open("none", "jdbc:h2:file:" + dir + "/db;DB_CLOSE_ON_EXIT=FALSE", "sa", "", null, 8,
                H2GroupCommitTest.class.getClassLoader(), writeDelayMillis);
    }

    static void createTable(ManagedDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS acknowledged (id VARCHAR(20) PRIMARY KEY, body VARBINARY(2000))");
        }
    }

    static Void insert(Connection c, String id) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO acknowledged (id, body) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setBytes(2, new byte[1200]);
            ps.executeUpdate();
        }
        return null;
    }

    /** The JVM the test kills: 4 threads commit rows, in transactions and in auto-commit mode, and print each id. */
    public static final class Committer {
        public static void main(String[] args) throws Exception {
            ManagedDatabase db = open(Path.of(args[0]), Integer.parseInt(args[1]));
            createTable(db);
            AtomicInteger next = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                threads.submit(() -> {
                    while (true) {
                        int n = next.incrementAndGet();
                        String id = "c" + n;
                        if (n % 2 == 0) {
                            Transaction.run(db.dataSource(), "insert", c -> insert(c, id));
                        } else {
                            try (Connection c = db.dataSource().getConnection()) {
                                insert(c, id);
                            }
                        }
                        synchronized (System.out) {
                            System.out.println(id);
                            System.out.flush();
                        }
                    }
                });
            }
            threads.awaitTermination(1, TimeUnit.DAYS);
        }
    }
}
