package no.dhoindex.adapters.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reader keeps each (patient, kind) pointer true to a versioned platform, reading what changed,
 * not every pointer: a fake platform, fake pointers and the test's clock; reads and pairs run on the
 * test's thread unless a test says otherwise.
 */
class ChangeReaderTest {

    private static final String KARI = "15077510041";
    private static final String OLA = "01017012345";
    private static final Duration FULL_EVERY = Duration.ofMinutes(10);

    /** Pointers as the registry would hold them: what the last brought-up-to-date summary said. */
    static final class FakePointers implements ChangeReader.Pointers {

        final Map<ChangeReader.PatientKind, PatientData> held = new ConcurrentHashMap<>();
        final List<PatientData> asked = new ArrayList<>();
        volatile boolean registryAway;

        @Override
        public Set<ChangeReader.PatientKind> held() {
            return Set.copyOf(held.keySet());
        }

        @Override
        public synchronized boolean bringUpToDate(PatientData data) {
            asked.add(data);
            if (registryAway) {
                throw new XdsRefusal(XdsErrorCode.REGISTRY_ERROR, "registry away");
            }
            ChangeReader.PatientKind pair = new ChangeReader.PatientKind(data.nationalId(), data.kind());
            if (data.count() == 0) {
                return held.remove(pair) != null;
            }
            return !data.equals(held.put(pair, data));
        }

        PatientData of(String patient) {
            return held.get(new ChangeReader.PatientKind(patient, DataKind.MEASUREMENTS));
        }
    }

    private final FakePlatform.TestClock clock = new FakePlatform.TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final FakePlatform platform = new FakePlatform(clock);
    private final FakePointers pointers = new FakePointers();
    private final AtomicReference<Instant> kept = new AtomicReference<>(Instant.EPOCH);
    private final ChangeReader.Watermark watermark = new ChangeReader.Watermark() {
        @Override
        public Instant read() {
            return kept.get();
        }

        @Override
        public void write(Instant upTo) {
            kept.set(upTo);
        }
    };
    private ExecutorService pool;

    private ChangeReader reader(java.util.concurrent.Executor executor, int parallel) {
        return new ChangeReader(platform, pointers, watermark, clock, FULL_EVERY, executor, parallel, () -> { },
                "organisation=test platform=fake");
    }

    private ChangeReader reader() {
        return reader(Runnable::run, 4);
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangeMakesThePointerAndAReadCostsWhatChangedNotEveryPointer() {
        ChangeReader reader = reader();
        platform.measure(OLA, "20261101080000", "8867-4");
        reader.read(); // the first read is full
        int before = platform.summaries.get();

        platform.measure(KARI, "20261102080000", "8867-4");
        platform.measure(KARI, "20261101070000", "29463-7");
        reader.read();

        PatientData kari = pointers.of(KARI);
        assertEquals("20261101070000", kari.firstTime(), "start: the oldest datum");
        assertEquals("20261102080000", kari.lastTime(), "stop: the newest datum");
        assertEquals(Set.of("8867-4", "29463-7"), Set.copyOf(kari.codes()));
        assertEquals(1, platform.summaries.get() - before, "only Kari's data is read again, not Ola's");
        assertEquals(1, platform.searches.get(), "the _lastUpdated search only at the first (full) read");

        reader.read();
        assertEquals(1, platform.summaries.get() - before, "nothing changed: nothing read again");
    }

    @Test
    void aCorrectionMovesTheStopTime() {
        ChangeReader reader = reader();
        platform.measure(KARI, "20261101080000", "8867-4");
        String later = platform.measure(KARI, "20261103080000", "8867-4");
        reader.read();
        assertEquals("20261103080000", pointers.of(KARI).lastTime());

        platform.correct(later, "20261102090000", "8867-4");
        reader.read();

        assertEquals("20261102090000", pointers.of(KARI).lastTime());
        assertEquals(2, pointers.of(KARI).count());
    }

    @Test
    void deletingOneDatumMovesTheStopTimeBackAndDeletingTheLastRemovesThePointer() {
        ChangeReader reader = reader();
        String first = platform.measure(KARI, "20261101080000", "8867-4");
        String second = platform.measure(KARI, "20261103080000", "29463-7");
        reader.read();

        platform.delete(second);
        reader.read();
        assertEquals("20261101080000", pointers.of(KARI).lastTime(), "the stop time goes back to the remaining datum");
        assertEquals(List.of("8867-4"), pointers.of(KARI).codes());
        assertEquals(0, platform.vreads.get(), "whose it was is remembered from reading it: no vread");

        platform.delete(first);
        reader.read();
        assertNull(pointers.of(KARI), "no data of the kind left: the pointer is removed");
        assertTrue(pointers.held.isEmpty());
    }

    @Test
    void aDeletionOfDataReadBeforeARestartIsFoundByItsPreviousVersionOrByEveryPointerOfTheKind() {
        String first = platform.measure(KARI, "20261101080000", "8867-4");
        String ola = platform.measure(OLA, "20261101080000", "8867-4");
        ChangeReader before = reader();
        before.read();
        clock.advance(Duration.ofSeconds(5));
        platform.measure("01017012346", "20261101080000", "8867-4");
        before.read(); // the watermark is now past Kari's and Ola's data, overlap included

        ChangeReader restarted = reader(); // remembers no resource's patient
        restarted.read(); // full, at start: reads since the watermark
        platform.delete(first);
        restarted.read();
        assertNull(pointers.of(KARI), "the patient from the version before the deletion (vread)");
        assertEquals(1, platform.vreads.get());

        ChangeReader again = reader();
        again.read();
        platform.offersVread = false;
        platform.delete(ola);
        int summaries = platform.summaries.get();
        again.read();
        assertNull(pointers.of(OLA), "not known whose: every measurement pointer is read again");
        assertEquals(2, platform.summaries.get() - summaries, "every pointer of the kind (Ola's and the other's)");
    }

    @Test
    void aChangeStampedJustBeforeTheLastReadsEndIsStillSeenAndAVersionReadTwiceIsHandledOnce() {
        ChangeReader reader = reader();
        String first = platform.measure(KARI, "20261101080000", "8867-4");
        reader.read();
        // Stamped now, committed only after the next read has read past it.
        platform.correctLate(first, "20261104080000", "8867-4");
        platform.measure(OLA, "20261101080000", "8867-4");
        reader.read();
        assertEquals("20261101080000", pointers.of(KARI).lastTime(), "not committed yet: not seen");
        Instant readPast = kept.get();

        platform.commit();
        clock.advance(Duration.ofMillis(500)); // within the overlap
        int before = platform.summaries.get();
        reader.read();

        assertTrue(readPast.isAfter(Instant.parse("2026-12-02T10:00:00Z")));
        assertEquals("20261104080000", pointers.of(KARI).lastTime(), "the late change, behind the watermark, is seen");
        assertEquals(1, platform.summaries.get() - before, "Ola's measurement, read again in the overlap, is not"
                + " handled twice");
    }

    @Test
    void aPlatformWithoutHistoryIsReadInFullAtEveryReadSoDeletionsAreStillSeen() {
        platform.offersHistory = false;
        ChangeReader reader = reader();
        String only = platform.measure(KARI, "20261101080000", "8867-4");
        platform.measure(OLA, "20261101080000", "8867-4");
        reader.read();
        reader.read(); // history refused here: full read instead
        assertEquals(1, platform.historyReads.get());

        platform.delete(only);
        int before = platform.summaries.get();
        reader.read();

        assertNull(pointers.of(KARI), "the deletion is found by re-reading every pointer");
        assertEquals(2, platform.summaries.get() - before, "every pointer re-read");
        assertEquals(1, platform.historyReads.get(), "not asked again before fullEvery has passed");

        clock.advance(FULL_EVERY);
        platform.offersHistory = true;
        reader.read(); // the full read that was due
        reader.read();
        assertEquals(2, platform.historyReads.get(), "history asked again once fullEvery has passed");
        assertEquals(4, platform.searches.get(), "and then used instead of the full read");
    }

    @Test
    void aFullReadEveryIntervalRepairsWhatHistoryMissed() {
        ChangeReader reader = reader();
        platform.measure(KARI, "20261101080000", "8867-4");
        reader.read();
        pointers.held.put(new ChangeReader.PatientKind(OLA, DataKind.MEASUREMENTS), new PatientData(OLA,
                DataKind.MEASUREMENTS, "20261001080000", "20261001080000", List.of("8867-4"), 1)); // a missed deletion
        clock.advance(FULL_EVERY.minusSeconds(1));
        reader.read();
        assertTrue(pointers.held.containsKey(new ChangeReader.PatientKind(OLA, DataKind.MEASUREMENTS)),
                "not before the interval");

        clock.advance(Duration.ofSeconds(1));
        reader.read();
        assertFalse(pointers.held.containsKey(new ChangeReader.PatientKind(OLA, DataKind.MEASUREMENTS)),
                "the full read finds Ola has no data and removes the pointer");
    }

    @Test
    void aPairTheRegistryCouldNotTakeIsTriedAgainAndHoldsTheWatermarkBack() {
        ChangeReader reader = reader();
        platform.measure(KARI, "20261101080000", "8867-4");
        reader.read();
        Instant before = kept.get();

        pointers.registryAway = true;
        platform.measure(KARI, "20261105080000", "8867-4");
        reader.read();
        assertEquals(before, kept.get(), "not past a change whose pointer is not up to date");

        pointers.registryAway = false;
        reader.read(); // nothing new on the platform: the failed pair alone
        assertEquals("20261105080000", pointers.of(KARI).lastTime());
        assertTrue(kept.get().isAfter(before));
    }

    @Test
    void changedPairsArePublishedInParallelButNoMoreAtOnceThanAllowed() throws Exception {
        pool = Executors.newCachedThreadPool();
        CountDownLatch twoIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ChangeReader.Pointers slow = new ChangeReader.Pointers() {
            @Override
            public Set<ChangeReader.PatientKind> held() {
                return Set.of();
            }

            @Override
            public boolean bringUpToDate(PatientData data) {
                most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                twoIn.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                atOnce.decrementAndGet();
                return true;
            }
        };
        ChangeReader reader = new ChangeReader(platform, slow, watermark, clock, FULL_EVERY, pool, 2, () -> { },
                "organisation=test platform=fake");
        for (int i = 0; i < 5; i++) {
            platform.measure("0101701234" + i, "20261101080000", "8867-4");
        }
        reader.read();
        assertTrue(twoIn.await(10, TimeUnit.SECONDS), "two pairs are brought up to date at the same time");
        release.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(2, most.get(), "never more than `parallel` at once");
        assertEquals(5, platform.summaries.get());
    }

    @Test
    void aReadAskedForDuringOneRunsRightAfterItAndAskingsMeanwhileShareIt() throws Exception {
        pool = Executors.newCachedThreadPool();
        CountDownLatch inRead = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        ChangeReader reader = new ChangeReader(platform, pointers, watermark, clock, FULL_EVERY, Runnable::run, 4,
                () -> {
                    if (reads.incrementAndGet() == 1) {
                        inRead.countDown();
                        try {
                            letGo.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }, "organisation=test platform=fake");
        var first = pool.submit(reader::read);
        assertTrue(inRead.await(10, TimeUnit.SECONDS));
        platform.measure(KARI, "20261101080000", "8867-4"); // a change, and its notifications, during the read
        reader.read();
        reader.read();
        assertEquals(1, reads.get(), "asked during a read: not run beside it");
        letGo.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertEquals(2, reads.get(), "one more read right after it, for both askings");
        assertEquals("20261101080000", pointers.of(KARI).lastTime(), "and it saw the change");
    }
}
