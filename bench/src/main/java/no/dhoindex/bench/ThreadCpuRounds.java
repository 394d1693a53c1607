package no.dhoindex.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Thread-CPU rounds of a step, for the microbenchmarks that alternate an old and a new path on one thread. */
final class ThreadCpuRounds {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ThreadCpuRounds() {
    }

    /** The step run {@code times} times; this thread's CPU µs per run. */
    static double micros(int times, Callable<?> step) throws Exception {
        long started = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < times; i++) {
            step.call();
        }
        return (CPU.getCurrentThreadCpuTime() - started) / 1000.0 / times;
    }

    /** A Markdown table row: name, median, min and max of the rounds. */
    static void row(StringBuilder b, String name, double[] micros) {
        double[] sorted = micros.clone();
        Arrays.sort(sorted);
        b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, median(micros), sorted[0],
                sorted[sorted.length - 1]));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The results table of an old and a new path, the median saving, every round and the checksum. */
    static void table(StringBuilder b, String unit, String oldName, double[] oldMicros, String newName,
                      double[] newMicros, long checksum) {
        b.append("| path | CPU µs per ").append(unit).append(", median of rounds | min | max |\n|---|---|---|---|\n");
        row(b, oldName, oldMicros);
        row(b, newName, newMicros);
        double oldMedian = median(oldMicros);
        double newMedian = median(newMicros);
        b.append(String.format(Locale.ROOT, "%nMedian saving per %s: %.1f µs (%.1fx less CPU).%n", unit,
                oldMedian - newMedian, oldMedian / newMedian));
        b.append("\nRounds, CPU µs per ").append(unit).append(": old ").append(Arrays.toString(oldMicros))
                .append(", new ").append(Arrays.toString(newMicros)).append("\n(checksum ").append(checksum)
                .append(")\n");
    }
}
