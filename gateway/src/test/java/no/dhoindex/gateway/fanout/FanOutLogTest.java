package no.dhoindex.gateway.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import no.dhoindex.shared.state.LocalBreakerStates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A source's answer is a FINE line (one per source and question, on the asking thread); anything else stays INFO. */
class FanOutLogTest {

    private final FanOut fanOut = new FanOut(4, 5, Duration.ofSeconds(10), new LocalBreakerStates(), Clock.systemUTC());
    private final Logger logger = Logger.getLogger(FanOut.class.getName());
    private final Level level = logger.getLevel();
    private final List<LogRecord> lines = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() {
        logger.removeHandler(handler);
        logger.setLevel(level);
        fanOut.stop();
    }

    @Test
    void anAnswerIsLoggedAtFineAndAFailureAtInfo() {
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        fanOut.ask(List.of(new Source<>("kommune", "urn:oid:1.2.3", Duration.ofSeconds(2), () -> "answer"),
                new Source<String>("sykehus", "urn:oid:1.2.4", Duration.ofSeconds(2), () -> {
                    throw new java.io.IOException("Connection refused");
                })), Duration.ofSeconds(2), "c-1");
        List<String> logged = lines.stream().filter(r -> r.getMessage().startsWith("event=fan-out"))
                .map(r -> r.getLevel() + " " + r.getMessage().split(" ")[2]).toList();
        assertEquals(List.of("FINE source=kommune", "INFO source=sykehus"), logged);
    }
}
