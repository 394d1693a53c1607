package no.dhoindex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one submission run (ITI-41 or ITI-42) as a table in its result file: written by
 * the benchmark and read back by {@link DurableCommitSummary}, so that a summary quotes exactly what
 * the run files say (values are parsed as printed, rounding included).
 */
record Figures(double perSecond, double p50Millis, double p95Millis, double p99Millis, double databaseMegabytes,
               double loadBefore, double loadAfter) {

    private static final Pattern ROW = Pattern.compile("^\\| ([a-z0-9 ]+) \\| (-?[0-9]+(?:\\.[0-9]+)?)\\b.*");

    static Figures of(Latencies l, double databaseMegabytes, double loadBefore, double loadAfter) {
        return new Figures(l.perSecond(), l.medianMillis(), l.p95Millis(), l.p99Millis(), databaseMegabytes,
                loadBefore, loadAfter);
    }

    List<String> table(String unit) {
        List<String> rows = new ArrayList<>();
        rows.add("| figure | value |");
        rows.add("|---|---|");
        rows.add(String.format(Locale.ROOT, "| throughput | %.1f %s/s |", perSecond, unit));
        rows.add(String.format(Locale.ROOT, "| latency p50 | %.1f ms |", p50Millis));
        rows.add(String.format(Locale.ROOT, "| latency p95 | %.1f ms |", p95Millis));
        rows.add(String.format(Locale.ROOT, "| latency p99 | %.1f ms |", p99Millis));
        rows.add(String.format(Locale.ROOT, "| database size | %.1f MB |", databaseMegabytes));
        rows.add(String.format(Locale.ROOT, "| load average before | %.2f |", loadBefore));
        rows.add(String.format(Locale.ROOT, "| load average after | %.2f |", loadAfter));
        return rows;
    }

    /** The figures table of a result file; every row must be there. */
    static Figures parse(List<String> lines) {
        java.util.Map<String, Double> values = new java.util.HashMap<>();
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                values.putIfAbsent(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return new Figures(value(values, "throughput"), value(values, "latency p50"), value(values, "latency p95"),
                value(values, "latency p99"), value(values, "database size"), value(values, "load average before"),
                value(values, "load average after"));
    }

    private static double value(java.util.Map<String, Double> values, String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No '" + name + "' row in the figures table");
        }
        return v;
    }
}
