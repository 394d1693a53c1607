package no.dhoindex.shared.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalBreakerStatesTest {

    @Test
    void changesAreAtomicAndNullRemoves() throws InterruptedException {
        LocalBreakerStates states = new LocalBreakerStates();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    states.change("kommune", s -> new BreakerStates.State(s == null ? 1 : s.failures() + 1, null, null));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(4000, states.get("kommune").failures());
        states.change("kommune", s -> null);
        assertNull(states.get("kommune"));
    }
}
