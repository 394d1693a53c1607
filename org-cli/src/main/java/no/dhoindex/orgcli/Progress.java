package no.dhoindex.orgcli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a bulk run on stderr: count/total, rate, ETA. On a terminal one line redrawn in
 * place ({@code \r}, at most ten times a second); otherwise (a log, CI) a line every few seconds.
 */
public final class Progress {

    private static final int WIDTH = 24;
    /** Erases what a longer previous line left to the right of the cursor (ANSI EL). */
    private static final String CLEAR_TO_END = "\u001b[K";
    private static final long TTY_EVERY_NANOS = Duration.ofMillis(100).toNanos();
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final int total;
    private final LongSupplier nanos;
    private final PrintStream out;
    private final boolean tty;
    private final long started;
    private long lastShown;
    private int done;
    private int failed;

    public Progress(int total, LongSupplier nanoClock, PrintStream out, boolean tty) {
        this.total = total;
        this.nanos = nanoClock;
        this.out = out;
        this.tty = tty;
        this.started = nanoClock.getAsLong();
        this.lastShown = started;
    }

    /** One document finished (sent and answered, either way). */
    public synchronized void step(boolean ok) {
        done++;
        if (!ok) {
            failed++;
        }
        long now = nanos.getAsLong();
        if (now - lastShown >= (tty ? TTY_EVERY_NANOS : LOG_EVERY_NANOS)) {
            lastShown = now;
            out.print(tty ? "\r" + line() + CLEAR_TO_END : line() + System.lineSeparator());
            out.flush();
        }
    }

    /** The final state, always shown, ending the line. */
    public synchronized void finish() {
        out.print(tty ? "\r" + line() + CLEAR_TO_END + System.lineSeparator() : line() + System.lineSeparator());
        out.flush();
    }

    public synchronized double docsPerSecond() {
        double seconds = (nanos.getAsLong() - started) / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    public synchronized Duration elapsed() {
        return Duration.ofNanos(nanos.getAsLong() - started);
    }

    /** E.g. {@code [##########--------------] 412/1000  41%  38.2 docs/s  ETA 0:15  2 failed}. */
    public synchronized String line() {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double rate = docsPerSecond();
        String eta = done >= total ? "0:00" : rate <= 0 ? "--:--" : clock(Math.round((total - done) / rate));
        return String.format(Locale.ROOT, "[%s%s] %d/%d %3d%%  %.1f docs/s  ETA %s%s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), done, total, total == 0 ? 100 : 100L * done / total, rate, eta,
                failed == 0 ? "" : "  " + failed + " failed");
    }

    /** h:mm:ss, or m:ss under an hour. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
