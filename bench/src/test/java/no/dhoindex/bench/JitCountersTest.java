package no.dhoindex.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The JIT counters of a JVM read from its performance data: this test's own JVM, as jstat would see it. */
class JitCountersTest {

    @Test
    void readsTheCompilationsOfARunningJvm() {
        JitCounters jit = JitCounters.of(ProcessHandle.current().pid());
        assertNotNull(jit, "this JVM keeps performance data");
        long compiled = jit.compiles();
        double seconds = jit.compileSeconds();
        assertTrue(compiled > 0, "methods compiled so far: " + compiled);
        // The same figure the JVM gives through its management interface (compiler time in ms).
        long managed = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        assertTrue(Math.abs(seconds * 1000 - managed) < 0.2 * managed + 50, seconds * 1000 + " ms / " + managed + " ms");
        long sum = 0;
        for (int round = 0; round < 200 && jit.compiles() == compiled; round++) {
            sum += work(round);
        }
        assertTrue(jit.compiles() > compiled, "new code compiled and counted (" + sum + ")");
    }

    @Test
    void saysNothingOfAProcessThatIsNotThere() {
        assertNull(JitCounters.of(Long.MAX_VALUE));
    }

    private static long work(int seed) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            b.append(Integer.toHexString(i * 31 + seed).hashCode() % 7);
        }
        return b.toString().chars().filter(c -> c == '3').count();
    }
}
