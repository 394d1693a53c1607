package no.dhoindex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A warm-up that lasts until the measured JVM's JIT has settled: rounds are asked until fewer than {@code slack}
 * methods were compiled over the last {@code quietSeconds} (looked at once a second), after at least {@code minimum}
 * rounds and for at most {@code capSeconds}. A fixed count measured a JVM still compiling: after 50 rounds the
 * per-search code of the FHIR stack was still in C1, and its medians were up to twice the settled ones
 * ({@code bench/results/fhir-warmup-20261203.md}). Without the JVM's counters (no perf data), {@code minimum} rounds.
 */
final class JitWarmUp {

    /** One round of the measured work; its answer is checked by the caller as in the measurement. */
    interface Round {
        void ask() throws Exception;
    }

    private final long pid;
    private final int minimum;
    private final long quietSeconds;
    private final long slack;
    private final long capSeconds;

    JitWarmUp(long pid, int minimum, long quietSeconds, long slack, long capSeconds) {
        this.pid = pid;
        this.minimum = minimum;
        this.quietSeconds = quietSeconds;
        this.slack = slack;
        this.capSeconds = capSeconds;
    }

    /** The options {@code --warmupQuietSeconds} (10), {@code --warmupSlack} (5), {@code --warmupCapSeconds} (180). */
    static JitWarmUp of(long pid, int minimum, Map<String, String> options) {
        return new JitWarmUp(pid, minimum, Long.parseLong(options.getOrDefault("warmupQuietSeconds", "10")),
                Long.parseLong(options.getOrDefault("warmupSlack", "5")),
                Long.parseLong(options.getOrDefault("warmupCapSeconds", "180")));
    }

    /** What the settings are, for a result file's method line. */
    String rule() {
        return "until fewer than " + slack + " methods were compiled in the last " + quietSeconds + " s (at least "
                + minimum + " rounds, at most " + capSeconds + " s; `--warmupQuietSeconds`, `--warmupSlack`,"
                + " `--warmupCapSeconds`)";
    }

    /** Asks rounds until the JIT has settled; says how many, how long and what was compiled meanwhile. */
    String run(Round round) throws Exception {
        JitCounters jit = JitCounters.of(pid);
        long start = System.nanoTime();
        long cap = capSeconds * 1_000_000_000L;
        // Compiled methods at each whole second since the start: the window is the last `quietSeconds` of them.
        List<Long> perSecond = new ArrayList<>();
        long first = jit == null ? 0 : jit.compiles();
        perSecond.add(first);
        int rounds = 0;
        boolean capped = false;
        while (true) {
            round.ask();
            rounds++;
            long elapsed = System.nanoTime() - start;
            if (jit == null) {
                if (rounds >= minimum) {
                    break;
                }
                continue;
            }
            while (perSecond.size() <= elapsed / 1_000_000_000L) {
                perSecond.add(jit.compiles());
            }
            int seconds = perSecond.size() - 1;
            if (rounds >= minimum && seconds >= quietSeconds
                    && perSecond.get(seconds) - perSecond.get((int) (seconds - quietSeconds)) < slack) {
                break;
            }
            if (elapsed >= cap) {
                capped = true;
                break;
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        return jit == null ? String.format(Locale.ROOT, "warm-up %d rounds (JIT not read)", rounds)
                : String.format(Locale.ROOT, "warm-up %d rounds in %.0f s, compiled methods %d -> %d%s", rounds,
                        took, first, jit.compiles(), capped ? " (capped: still compiling)" : "");
    }
}
