package no.dhoindex.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The durable-commit comparison (BENCHMARKS.md, issue 12): reads the figures tables of interleaved
 * runs and writes, per setting, the median of each figure next to every run's own, so the summary
 * quotes the run files exactly.
 *
 * <pre>DurableCommitSummary --root . --out durable-commits.md 'ITI-42, WRITE_DELAY=500=registry-…-r1.md,registry-…-r2.md' …</pre>
 * A group is {@code label=file,file…}, the label up to the last {@code =}; files are in bench/results.
 */
public final class DurableCommitSummary {

    private DurableCommitSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        String out = "durable-commits.md";
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--out" -> out = args[++i];
                default -> {
                    int eq = args[i].lastIndexOf('=');
                    groups.put(args[i].substring(0, eq), List.of(args[i].substring(eq + 1).split(",")));
                }
            }
        }
        Path results = root.resolve("bench/results");
        Map<String, Map<String, Figures>> runs = new LinkedHashMap<>();
        for (var group : groups.entrySet()) {
            Map<String, Figures> figures = new LinkedHashMap<>();
            for (String file : group.getValue()) {
                figures.put(file, Figures.parse(Files.readAllLines(results.resolve(file))));
            }
            runs.put(group.getKey(), figures);
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Durable commits (issue 12): medians of interleaved runs");
        lines.add("");
        lines.add("Command: `DurableCommitSummary " + String.join(" ", Arrays.stream(args)
                .map(a -> a.contains(" ") ? "'" + a + "'" : a).toList()) + "`");
        lines.add("");
        lines.addAll(table(runs));
        Files.write(results.resolve(out), lines);
        lines.forEach(System.out::println);
    }

    /** A median row per group, then one row per run. */
    static List<String> table(Map<String, Map<String, Figures>> runs) {
        List<String> lines = new ArrayList<>();
        lines.add("| setting | runs | throughput per s | p50 | p95 | p99 | database size | load average before → after |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (var group : runs.entrySet()) {
            List<Figures> f = List.copyOf(group.getValue().values());
            lines.add(String.format(Locale.ROOT, "| **%s** | median of %d | **%.1f** | %.1f ms | %.1f ms | **%.1f ms** |"
                            + " **%.1f MB** | %s |", group.getKey(), f.size(), median(f, Figures::perSecond),
                    median(f, Figures::p50Millis), median(f, Figures::p95Millis), median(f, Figures::p99Millis),
                    median(f, Figures::databaseMegabytes), range(f)));
            for (var run : group.getValue().entrySet()) {
                Figures r = run.getValue();
                lines.add(String.format(Locale.ROOT, "| %s | `%s` | %.1f | %.1f ms | %.1f ms | %.1f ms | %.1f MB |"
                                + " %.2f → %.2f |", group.getKey(), run.getKey(), r.perSecond(), r.p50Millis(),
                        r.p95Millis(), r.p99Millis(), r.databaseMegabytes(), r.loadBefore(), r.loadAfter()));
            }
        }
        return lines;
    }

    static double median(List<Figures> runs, ToDoubleFunction<Figures> figure) {
        double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
        if (v.length == 0) {
            throw new IllegalArgumentException("No runs");
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    private static String range(List<Figures> runs) {
        double min = runs.stream().mapToDouble(r -> Math.min(r.loadBefore(), r.loadAfter())).min().orElse(Double.NaN);
        double max = runs.stream().mapToDouble(r -> Math.max(r.loadBefore(), r.loadAfter())).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.2f–%.2f", min, max);
    }
}
