package no.dhoindex.bench;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, the throughput they were taken at, the mean entries per answer,
 * and the CPU the registry and the benchmark client each spent per query (they share the machine).
 */
record Latencies(long[] nanos, double seconds, double meanReturned, double serverCpuMillis, double clientCpuMillis) {

    double medianMillis() {
        return percentile(50);
    }

    double p95Millis() {
        return percentile(95);
    }

    double p99Millis() {
        return percentile(99);
    }

    double perSecond() {
        return nanos.length / seconds;
    }

    /**
     * What the registry's own work would allow with {@code cores} to itself: a core gives 1,000 ms of CPU per second,
     * divided by the registry's CPU per query (or per entry). Computed from measured CPU, not measured: the benchmark
     * client shares the machine's cores. NaN when no CPU was measured.
     */
    double registryAlonePerSecond(int cores) {
        return serverCpuMillis > 0 ? cores * 1000.0 / serverCpuMillis : Double.NaN;
    }

    /** Nearest rank: the smallest sample that at least {@code p} % of the samples do not exceed. */
    double percentile(double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
