package no.dhoindex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    /** 1..100 ms in shuffled order. */
    private static Latencies hundred() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = ((i * 37) % 100 + 1) * 1_000_000L;
        }
        return new Latencies(nanos, 2.0, 1, 0, 0);
    }

    @Test
    void percentilesAreNearestRank() {
        Latencies l = hundred();
        assertEquals(50.0, l.medianMillis());
        assertEquals(95.0, l.p95Millis());
        assertEquals(99.0, l.p99Millis());
        assertEquals(100.0, l.percentile(100));
        assertEquals(1.0, l.percentile(0));
    }

    @Test
    void fewSamplesGiveTheLargestForHighPercentiles() {
        Latencies l = new Latencies(new long[]{3_000_000, 1_000_000, 2_000_000}, 1.0, 1, 0, 0);
        assertEquals(2.0, l.medianMillis());
        assertEquals(3.0, l.p99Millis());
    }

    @Test
    void throughputIsSamplesPerSecond() {
        assertEquals(50.0, hundred().perSecond());
    }

    @Test
    void noSamplesHaveNoPercentile() {
        assertTrue(Double.isNaN(new Latencies(new long[0], 1.0, 0, 0, 0).p99Millis()));
    }

    @Test
    void registryAloneIsTheCoresCpuOverTheRegistrysCpuPerOperation() {
        Latencies l = new Latencies(new long[]{1_000_000}, 1.0, 1, 2.5, 1.0);
        assertEquals(800.0, l.registryAlonePerSecond(2), 1e-9);
        assertEquals(400.0, l.registryAlonePerSecond(1), 1e-9);
        assertTrue(Double.isNaN(new Latencies(new long[]{1}, 1.0, 1, 0, 0).registryAlonePerSecond(2)));
    }
}
