package no.dhoindex.orgcli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void lineShowsCountPercentRateAndEta() {
        Progress progress = new Progress(1000, nanos::get, out, true);
        assertEquals("[------------------------] 0/1000   0%  0.0 docs/s  ETA --:--", progress.line());
        advanceMillis(10_000);
        for (int i = 0; i < 412; i++) {
            progress.step(i % 206 != 0);
        }
        assertEquals("[#########---------------] 412/1000  41%  41.2 docs/s  ETA 0:14  2 failed", progress.line());
    }

    @Test
    void etaBeyondAnHourShowsHours() {
        assertEquals("1:01:05", Progress.clock(3665));
        assertEquals("0:59", Progress.clock(59));
        assertEquals("10:00", Progress.clock(600));
    }

    @Test
    void onATerminalTheLineIsRedrawnAtMostTenTimesASecond() {
        Progress progress = new Progress(4, nanos::get, out, true);
        advanceMillis(50);
        progress.step(true);
        assertEquals("", shown(), "not yet 100 ms");
        advanceMillis(50);
        progress.step(true);
        assertEquals("\r[############------------] 2/4  50%  20.0 docs/s  ETA 0:00\u001b[K", shown());
        advanceMillis(100);
        progress.step(true);
        progress.step(true);
        progress.finish();
        assertEquals("\r[############------------] 2/4  50%  20.0 docs/s  ETA 0:00\u001b[K"
                + "\r[##################------] 3/4  75%  15.0 docs/s  ETA 0:00\u001b[K"
                + "\r[########################] 4/4 100%  20.0 docs/s  ETA 0:00\u001b[K" + System.lineSeparator(), shown());
    }

    @Test
    void inALogALineEveryFiveSeconds() {
        Progress progress = new Progress(100, nanos::get, out, false);
        for (int i = 0; i < 10; i++) {
            advanceMillis(1000);
            progress.step(true);
        }
        String n = System.lineSeparator();
        assertEquals("[#-----------------------] 5/100   5%  1.0 docs/s  ETA 1:35" + n
                + "[##----------------------] 10/100  10%  1.0 docs/s  ETA 1:30" + n, shown());
    }

    @Test
    void nothingToDoIsComplete() {
        Progress progress = new Progress(0, nanos::get, out, false);
        progress.finish();
        assertEquals("[########################] 0/0 100%  0.0 docs/s  ETA 0:00" + System.lineSeparator(), shown());
    }
}
